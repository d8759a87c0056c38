using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>
/// Drains <see cref="SlaScheduleQueue"/> in batches and sets the cases' triggers from their rows as stored
/// now (<see cref="SlaClockScheduler.SyncAsync"/>). A batch that fails goes back on the queue; the
/// reconciler covers whatever a crash between a commit and its schedule loses.
/// </summary>
public sealed class SlaScheduleWorker(
    SlaScheduleQueue queue,
    SlaClockScheduler scheduler,
    SiloReadiness readiness,
    TimeProvider time,
    ILogger<SlaScheduleWorker> logger) : BackgroundService
{
    // Small batches: on SQLite the job store holds the one write lock for a whole batch (~1–2 ms per trigger), and
    // a long hold stalls every case write behind it.
    private const int BatchSize = 50;
    private static readonly TimeSpan FailureBackOff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        while (await queue.WaitAsync(stoppingToken))
        {
            var batch = queue.Take(BatchSize);
            if (batch.Count == 0) continue;
            try
            {
                await scheduler.SyncAsync(batch, stoppingToken);
            }
            catch (Exception e)
            {
                // Never let the loop fault (a faulted background service stops the host). Stopping: the scheduler
                // may be shut down already; what is left is the reconciler's at the next start.
                if (stoppingToken.IsCancellationRequested) return;
                logger.LogWarning(e, "Scheduling SLA clocks of {Count} cases failed; retrying", batch.Count);
                foreach (var id in batch) queue.Enqueue(id);
                try
                {
                    await Task.Delay(FailureBackOff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
