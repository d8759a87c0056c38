using CityMatrix.Silo.Grains;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Cases;

/// <summary>Entry point for case work: numbering new cases and the two-case merge.</summary>
public sealed class CaseService(IGrainFactory grains, Routing.CaseDispatcher dispatcher, Sla.SlaTemplates sla, TimeProvider time, ILogger<CaseService> logger)
{
    public async Task<CaseState> OpenAsync(OpenCase command)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = CaseIds.New(time.GetUtcNow());
            try
            {
                return await grains.GetGrain<ICaseGrain>(id).ExecuteAsync(command);
            }
            catch (Exception e) when (attempt < 3 && e is InconsistentStateException or CaseRuleException { Error: DomainError.Conflict })
            {
                // The number was taken (by another process): draw another.
            }
        }
    }

    public Task<CaseState?> GetAsync(string caseId) => grains.GetGrain<ICaseGrain>(caseId).GetAsync();

    public async Task<CaseState> ExecuteAsync(string caseId, CaseCommand command)
    {
        if (command is OpenCase) throw new CaseRuleException(DomainError.Invalid, "Open a case with OpenAsync.", "command");
        var grain = grains.GetGrain<ICaseGrain>(caseId);
        var current = await grain.GetAsync() ?? throw new CaseRuleException(DomainError.NotFound, $"No case {caseId}.", "caseId");
        if (command is MergeCase merge) return await MergeAsync(caseId, grain, merge);
        if (command is ForwardCase { FirstResponseDue: null } forward) command = WithTemplateClock(forward, current);
        var state = await grain.ExecuteAsync(command);
        // A new category may belong to another unit: route again (转办 with new deadlines), as if it had just come in.
        return command is RecategorizeCase ? await dispatcher.DispatchAsync(grain, state) : state;
    }

    /// <summary>
    /// A forward by a person names the resolution deadline only: the first-response clock (and whether the
    /// clocks count working time) comes from the case's SLA template, never later than that deadline.
    /// </summary>
    private ForwardCase WithTemplateClock(ForwardCase forward, CaseState current)
    {
        var deadlines = sla.DeadlinesFor(current.Topic, current.Urgency);
        var firstResponse = deadlines.FirstResponseDue < forward.Deadline ? deadlines.FirstResponseDue : forward.Deadline;
        return forward with { FirstResponseDue = firstResponse, WorkingTime = deadlines.WorkingTime };
    }

    /// <summary>
    /// The duplicate's own record (merged into X) is the truth and is written first; the note on the
    /// surviving case follows. Both are separate grains, so neither waits on the other's turn.
    /// </summary>
    private async Task<CaseState> MergeAsync(string caseId, ICaseGrain duplicate, MergeCase merge)
    {
        var survivor = grains.GetGrain<ICaseGrain>(merge.IntoCaseId);
        var target = await survivor.GetAsync()
            ?? throw new CaseRuleException(DomainError.Invalid, $"No case {merge.IntoCaseId} to merge into.", "intoCaseId");
        if (!target.IsOpen)
            throw new CaseRuleException(DomainError.Conflict, $"Case {merge.IntoCaseId} is {target.Status}; merge into an open case.", "intoCaseId");
        if (target.MergedIntoId is not null)
            throw new CaseRuleException(DomainError.Conflict, $"Case {merge.IntoCaseId} is itself merged.", "intoCaseId");

        var merged = await duplicate.ExecuteAsync(merge);
        try
        {
            await survivor.ExecuteAsync(new AbsorbDuplicate(CaseActor.System(merge.Actor.AccountId), caseId));
        }
        catch (DomainException e)
        {
            logger.LogWarning(e, "Case {Duplicate} merged into {Survivor}, but the survivor did not record it", caseId, merge.IntoCaseId);
        }
        return merged;
    }
}
