using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Surges;

/// <summary>Judges pending surge keys in the background, soon after the cases that raised them commit.</summary>
public sealed class SurgeMonitorService(SurgeMonitor monitor, ILogger<SurgeMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await monitor.WaitForWorkAsync(stoppingToken);
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
