using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// Judges one case against its clocks at TimeProvider's now and applies the steps that are due and not yet
/// applied: a warning (WarnSla) or a 督办 (SuperviseCase with the breach). Idempotent: each step raises the
/// clock's stage inside the case grain's write, and the lifecycle refuses a step whose stage is reached, so
/// two wake-ups (two processes, a retry, a wake-up racing the reconciler) apply it once. Quartz only decides
/// when this runs; what it does depends on the case and the clock alone.
/// </summary>
public sealed class SlaEvaluator(
    IGrainFactory grains,
    SlaQueries queries,
    SlaClocks clocks,
    SlaEscalation escalation,
    TimeProvider time,
    IOptions<SlaOptions> options,
    ILogger<SlaEvaluator> logger)
{
    /// <summary>More than a case can ever owe at once (two warnings, three breaches), so a stuck step cannot spin.</summary>
    private const int MaxSteps = 8;

    public async Task<SlaEvaluation> EvaluateAsync(string caseId, CancellationToken cancellationToken = default)
    {
        // Called from a Quartz job or a test, never from inside a case grain's turn, so this is no re-entrant call.
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        // Judged from the stored row: this process's activation of the case may be stale when another process
        // wrote it last (no cluster-wide directory). Its writes are ETag-checked, so a step computed here is
        // re-judged by the lifecycle against the stored state anyway.
        var state = await StoredAsync(caseId, cancellationToken);
        var applied = new List<SlaStep>();
        var now = time.GetUtcNow();
        for (var attempt = 0; state is not null && attempt < MaxSteps; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Judged afresh after every step: each breach raises the level the next one starts from.
            if (clocks.DueSteps(state, now) is not [var step, ..]) break;
            try
            {
                state = await grain.ExecuteAsync(CommandFor(state, step));
                applied.Add(step);
            }
            catch (CaseRuleException e) when (e.Error == DomainError.Conflict)
            {
                // Applied by someone else meanwhile, or the clock moved: the fresh state decides what is left.
                logger.LogDebug(e, "SLA step {Stage} of {Clock} on case {Case} not applied", step.Stage, step.Clock, caseId);
                state = await StoredAsync(caseId, cancellationToken);
            }
        }
        return new SlaEvaluation(state, applied);
    }

    private async Task<CaseState?> StoredAsync(string caseId, CancellationToken cancellationToken) =>
        (await queries.LoadAsync([caseId], cancellationToken)).GetValueOrDefault(caseId);

    private CaseCommand CommandFor(CaseState state, SlaStep step)
    {
        if (!step.IsBreach) return new WarnSla(CaseActor.System(), step.Clock, step.Due, escalation.WarningNote(state, step.Clock, step.Due, options.Value.WarningShare));
        var level = SlaClocks.LevelAfterBreach(state);
        return new SuperviseCase(CaseActor.System(), level, escalation.BreachNote(state, step.Clock, step.Due, level), new SlaBreach(step.Clock, step.Due, step.Stage));
    }
}
