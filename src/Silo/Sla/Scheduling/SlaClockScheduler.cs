using CityMatrix.Silo.Cases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityMatrix.Silo.Sla.Scheduling;

/// <summary>
/// Keeps one Quartz trigger per case (key = case id, group "sla") at the case's next SLA wake-up once that is within
/// <see cref="SlaOptions.TriggerHorizon"/> (the reconciler sets later ones when they come within reach), on the one
/// durable <see cref="SlaWakeUpJob"/>. Triggers live in the job store in the cases' database, so a wake-up
/// scheduled before a restart fires after it. Quartz fires on wall-clock time while the clocks are judged
/// with TimeProvider: a wake-up due in d (TimeProvider time) fires d from now on the wall clock, and the
/// job judges the case afresh, so an early or late wake-up is harmless.
/// Concurrency: every change reads the cases' rows and writes their triggers under one lock per process, so
/// within a process the last write is always computed from the latest stored state (a schedule computed from
/// an older row cannot land after a newer one). Two processes can still interleave; the job re-judges on
/// waking and the reconciler repairs a trigger left at a wrong time.
/// </summary>
public sealed class SlaClockScheduler(
    IScheduler scheduler, SlaQueries queries, SlaClocks clocks, TimeProvider time, IOptions<SlaOptions> options, ILogger<SlaClockScheduler> logger)
{
    public const string Group = "sla";
    public const string CaseIdKey = "caseId";

    public static readonly JobKey JobKey = new("sla-wake-up", Group);

    /// <summary>A trigger already within this of the wanted time is left alone (no write).</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    private static readonly IJobDetail Job = JobBuilder.Create<SlaWakeUpJob>()
        .WithIdentity(JobKey)
        .WithDescription("Judges a case against its SLA clocks (warning, 督办, escalation).")
        .StoreDurably()
        .Build();

    private readonly SemaphoreSlim _gate = new(1, 1);

    public static TriggerKey TriggerKeyFor(string caseId) => new(caseId, Group);

    /// <summary>Brings the triggers of these cases in line with their stored rows: one read, one upsert and one delete for the whole batch.</summary>
    public Task SyncAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default) =>
        UnderGateAsync(caseIds, (_, next, _) => next, cancellationToken);

    /// <summary>
    /// After a wake-up: the next one from the case as stored now. A step still due means applying it failed
    /// (the grain refused or the database did); it is tried again after <see cref="SlaOptions.RetryDelay"/>
    /// rather than at once, so a failure cannot spin.
    /// </summary>
    public Task ScheduleAfterWakeUpAsync(string caseId, CancellationToken cancellationToken = default) =>
        UnderGateAsync([caseId], (_, next, now) => next <= now ? now + options.Value.RetryDelay : next, cancellationToken);

    /// <summary>Retries a wake-up that failed before it could judge the case.</summary>
    public Task RetryAsync(string caseId, CancellationToken cancellationToken = default) =>
        UnderGateAsync([caseId], (_, _, now) => now + options.Value.RetryDelay, cancellationToken);

    /// <summary>The case ids that have a trigger now.</summary>
    public async Task<IReadOnlyCollection<string>> ScheduledCaseIdsAsync(CancellationToken cancellationToken = default) =>
        (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken)).Select(k => k.Name).ToList();

    /// <summary>When the case's trigger fires next (wall-clock time), or null when it has none.</summary>
    public async Task<DateTimeOffset?> NextFireTimeAsync(string caseId, CancellationToken cancellationToken = default) =>
        (await scheduler.GetTrigger(TriggerKeyFor(caseId), cancellationToken))?.NextFireTimeUtc;

    /// <summary>Reads the rows, decides each wake-up (<paramref name="decide"/> gets the clocks' next one) and writes the triggers, under the gate.</summary>
    private async Task UnderGateAsync(
        IReadOnlyCollection<string> caseIds, Func<CaseState?, DateTimeOffset?, DateTimeOffset, DateTimeOffset?> decide, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var ids = caseIds.Distinct().ToList();
            var states = await queries.LoadAsync(ids, cancellationToken);
            var now = time.GetUtcNow();
            var wanted = ids.ToDictionary(id => id, id =>
            {
                var state = states.GetValueOrDefault(id);
                return decide(state, state is null ? null : clocks.NextWakeUp(state, now), now);
            });
            await ApplyAsync(wanted, now, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(IReadOnlyDictionary<string, DateTimeOffset?> wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = (await scheduler.GetTriggers(wanted.Keys.Select(TriggerKeyFor).ToList(), cancellationToken))
            .ToDictionary(t => t.Key.Name, t => t.NextFireTimeUtc);
        // The wall clock Quartz fires on (the scheduler is configured with the system clock).
        var wallNow = TimeProvider.System.GetUtcNow();
        var upserts = new List<ITrigger>();
        var removals = new List<TriggerKey>();
        foreach (var (caseId, wake) in wanted)
        {
            existing.TryGetValue(caseId, out var current);
            if (wake is null)
            {
                if (existing.ContainsKey(caseId)) removals.Add(TriggerKeyFor(caseId));
                continue;
            }
            // Beyond the horizon: the reconciler sets it once it comes within reach (without a reconciler, every
            // wake-up is scheduled at once). A trigger left in place fires early at worst, and the job judges the
            // case as it stands then.
            if (options.Value.Reconcile && wake.Value > now + options.Value.TriggerHorizon) continue;
            var fireAt = wake.Value <= now ? wallNow : wallNow + (wake.Value - now);
            var alreadyDue = current is { } due && due <= wallNow + Tolerance && fireAt <= wallNow + Tolerance;
            if (alreadyDue || (current is { } at && (at - fireAt).Duration() < Tolerance)) continue;
            upserts.Add(TriggerFor(caseId, fireAt));
        }
        if (upserts.Count > 0)
        {
            await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [Job] = upserts }, ScheduleJobOptions.Replacing, cancellationToken);
        }
        if (removals.Count > 0) await scheduler.UnscheduleJobs(removals, cancellationToken);
        if (upserts.Count + removals.Count > 0) logger.LogDebug("SLA triggers: {Upserts} set, {Removals} removed", upserts.Count, removals.Count);
    }

    private static ITrigger TriggerFor(string caseId, DateTimeOffset fireAt) => TriggerBuilder.Create()
        .WithIdentity(TriggerKeyFor(caseId))
        .ForJob(JobKey)
        .UsingJobData(CaseIdKey, caseId)
        .StartAt(fireAt)
        // Missed while every server was down: fire as soon as one is back (the job judges what is due by then).
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();
}
