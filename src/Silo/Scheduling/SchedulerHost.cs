using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace CityMatrix.Silo.Scheduling;

/// <summary>
/// Starts the Quartz scheduler with the host and shuts it down (waiting for running jobs) when it stops.
/// Quartz's own hosted service would do the same but needs a generic host's lifetime; this one keeps the silo
/// hostable in a plain container, as the tests host it. Registered after the storage initializer, so the
/// qrtz_* tables exist before the scheduler validates them.
/// </summary>
public sealed class SchedulerHost(IScheduler scheduler, ILogger<SchedulerHost> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => scheduler.Start(cancellationToken).AsTask();

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
        catch (Exception e) when (e is SchedulerException or ObjectDisposedException)
        {
            // Under a generic host Quartz shuts its schedulers down itself when the application stops, and may
            // have done so first; a scheduler already shut down refuses to be resolved again, or (depending on
            // which side got there first) its resolution meets the container Quartz's shutdown has disposed.
            // Either way it is down. (This race made a test server's disposal throw now and then, which xunit
            // reports as a cleanup failure: CI red with every test passed.)
            logger.LogDebug(e, "The scheduler was already shut down");
        }
    }
}
