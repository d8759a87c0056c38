using Microsoft.Extensions.Hosting;
using Quartz;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>
/// Starts the Quartz scheduler with the host and shuts it down (waiting for running wake-ups) when it stops.
/// Quartz's own hosted service would do the same but needs a generic host's lifetime; this one keeps the silo
/// hostable in a plain container, as the tests host it. Registered after the storage initializer, so the
/// qrtz_* tables exist before the scheduler validates them.
/// </summary>
public sealed class SlaSchedulerHost(IScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => scheduler.Start(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).AsTask();
}
