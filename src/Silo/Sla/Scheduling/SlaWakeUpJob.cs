using Microsoft.Extensions.Logging;
using Quartz;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>
/// The durable Quartz job every case trigger fires: judge the case now (<see cref="SlaEvaluator"/>), then set
/// its trigger to the next wake-up. It holds no state of its own; a wake-up that fails is retried later.
/// </summary>
public sealed class SlaWakeUpJob(SlaEvaluator evaluator, SlaClockScheduler scheduler, SlaWakeUps wakeUps, ILogger<SlaWakeUpJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var caseId = context.MergedJobDataMap.GetString(SlaClockScheduler.CaseIdKey) ?? context.Trigger.Key.Name;
        wakeUps.Record(caseId);
        try
        {
            await evaluator.EvaluateAsync(caseId, cancellationToken);
            // Also done by the commit observer for each step applied; doing it here covers a wake-up that
            // applied nothing (early, or a trigger left behind by a stale schedule).
            await scheduler.ScheduleAfterWakeUpAsync(caseId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "SLA wake-up of case {Case} failed; retrying later", caseId);
            try
            {
                await scheduler.RetryAsync(caseId, cancellationToken);
            }
            catch (Exception retry) when (retry is not OperationCanceledException)
            {
                // The store is unreachable too (or the server is stopping): the reconciler sets the trigger again.
                logger.LogWarning(retry, "Could not set the retry of case {Case}", caseId);
            }
        }
    }
}
