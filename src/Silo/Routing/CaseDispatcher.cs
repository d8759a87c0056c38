using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Routing;

/// <summary>转办 a case to the account the router picks, with the SLA template's deadlines: the one place that builds that forward.</summary>
public sealed class CaseDispatcher(Router router, SlaTemplates sla, AccountDirectory accounts, ILogger<CaseDispatcher> logger)
{
    /// <summary>The forward the router asks for, by the system on the manager's behalf; null for triage or when the holder is already right.</summary>
    public ForwardCase? ForwardFor(string category, string? topic, string? regionCode, CaseUrgency urgency, string holderId)
    {
        var route = router.Route(category, topic, regionCode);
        if (route.IsTriage || route.AccountId == holderId) return null;
        var deadlines = sla.DeadlinesFor(topic, urgency);
        return new ForwardCase(CaseActor.System(accounts.Manager?.Id), route.AccountId, deadlines.ResolutionDue,
            $"{route.Reason}；时限：{deadlines.TemplateName}", deadlines.FirstResponseDue, deadlines.WorkingTime);
    }

    /// <summary>
    /// Forwards the case unless the router says triage or it is already with the right unit. A case
    /// someone moved in the meantime (an officer, or a concurrent run for the same post) is left alone.
    /// </summary>
    public async Task<CaseState> DispatchAsync(ICaseGrain @case, CaseState state)
    {
        if (ForwardFor(state.Category, state.Topic, state.RegionCode, state.Urgency, state.AccountId) is not { } forward) return state;
        try
        {
            return await @case.ExecuteAsync(forward);
        }
        catch (CaseRuleException e)
        {
            logger.LogDebug(e, "Case {Case} was not dispatched", state.Id);
            return await @case.GetAsync() ?? state;
        }
    }
}
