using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Routing;

/// <summary>转办 a case to the account the router picks, with the SLA template's deadlines.</summary>
public sealed class CaseDispatcher(Router router, SlaTemplates sla, AccountDirectory accounts, ILogger<CaseDispatcher> logger)
{
    /// <summary>
    /// Forwards the case unless the router says triage or it is already with the right unit. A case
    /// someone moved in the meantime (an officer, or a concurrent run for the same post) is left alone.
    /// </summary>
    public async Task<CaseState> DispatchAsync(ICaseGrain @case, CaseState state)
    {
        var route = router.Route(state.Category, state.Topic, state.RegionCode);
        if (route.IsTriage || route.AccountId == state.AccountId) return state;
        var deadlines = sla.DeadlinesFor(state.Topic, state.Urgency);
        try
        {
            return await @case.ExecuteAsync(new ForwardCase(CaseActor.System(accounts.Manager?.Id), route.AccountId, deadlines.ResolutionDue,
                $"{route.Reason}；时限：{sla.TemplateFor(state.Topic, state.Urgency).Name}", deadlines.FirstResponseDue));
        }
        catch (CaseRuleException e)
        {
            logger.LogDebug(e, "Case {Case} was not dispatched", state.Id);
            return await @case.GetAsync() ?? state;
        }
    }
}
