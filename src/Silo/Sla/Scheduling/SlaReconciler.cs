using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>
/// Makes the triggers agree with the cases table, at start-up and every <see cref="SlaOptions.ReconcileInterval"/>:
/// every case whose clocks run gets its trigger at its next wake-up, and a trigger whose case no longer needs
/// one is removed. This is what covers a schedule lost between a commit and its observer (a crash, a failed
/// batch) and a trigger overwritten by a stale schedule from another process.
/// </summary>
public sealed class SlaReconciler(
    SlaQueries queries,
    SlaClockScheduler scheduler,
    SiloReadiness readiness,
    TimeProvider time,
    IOptions<SlaOptions> options,
    ILogger<SlaReconciler> logger) : BackgroundService
{
    private const int PageSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Reconcile) return;
        await readiness.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var checkedCount = await ReconcileAsync(stoppingToken);
                logger.LogDebug("Reconciled SLA triggers of {Count} cases", checkedCount);
                await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
            }
            catch (Exception e)
            {
                // Never let the loop fault (a faulted background service stops the host).
                if (stoppingToken.IsCancellationRequested) return;
                logger.LogWarning(e, "Reconciling SLA triggers failed; next try in {Interval}", options.Value.ReconcileInterval);
                try
                {
                    await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over every case with clocks, then over the triggers of no such case. Returns how many cases it looked at.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await queries.WithClocksAsync(after, PageSize, cancellationToken);
            if (page.Count == 0) break;
            await scheduler.SyncAsync(page, cancellationToken);
            seen.UnionWith(page);
            after = page[^1];
        }
        // Triggers of cases outside the pages: judged from their rows as read now, so a case forwarded meanwhile keeps its trigger.
        var others = (await scheduler.ScheduledCaseIdsAsync(cancellationToken)).Where(id => !seen.Contains(id)).ToList();
        foreach (var chunk in others.Chunk(PageSize)) await scheduler.SyncAsync(chunk, cancellationToken);
        return seen.Count + others.Count;
    }
}
