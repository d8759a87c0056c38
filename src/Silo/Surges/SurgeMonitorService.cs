using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Surges;

/// <summary>
/// Judges pending surge keys in the background, soon after the cases that raised them commit. After a wake-up it
/// waits a second so that a burst of cases (a batch of posts) costs one evaluation per key, not one per case;
/// readers never wait for it (they flush themselves).
/// </summary>
public sealed class SurgeMonitorService(SurgeMonitor monitor, TimeProvider time, ILogger<SurgeMonitorService> logger) : BackgroundService
{
    public static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.WaitForWorkAsync(stoppingToken);
                await Task.Delay(Gather, time, stoppingToken);
                await monitor.FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Surge monitor round failed");
            }
        }
    }
}
