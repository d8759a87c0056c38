using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Grains;

/// <summary>Periodically deactivates idle grains so memory follows the working set, not history.</summary>
internal sealed class GrainCollectorService(GrainHost host, TimeProvider time, ILogger<GrainCollectorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(host.Options.CollectionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var collected = await host.CollectIdleActivationsAsync();
                if (collected > 0) logger.LogDebug("Deactivated {Count} idle grains", collected);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
