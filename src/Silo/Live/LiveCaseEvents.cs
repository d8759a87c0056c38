using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Timeline entry → live event. One mapping for live pushes, replays and snapshots, so a client sees the
/// same event whichever way it reached him.
/// </summary>
public static class LiveCaseEvents
{
    /// <summary>Reasons are officers' words and may be long; the dashboard shows a line of them.</summary>
    public const int MaxReasonLength = 200;

    public static string TypeOf(CaseAction action) => action switch
    {
        CaseAction.Open => LiveEventTypes.CaseCreated,
        CaseAction.Forward or CaseAction.Reassign => LiveEventTypes.CaseForwarded,
        CaseAction.Close => LiveEventTypes.CaseClosed,
        CaseAction.Supervise => LiveEventTypes.Supervision,
        _ => LiveEventTypes.CaseChanged,
    };

    /// <summary>
    /// The accounts an entry concerns: every account that acted or was targeted on the case's timeline up to
    /// and including this entry (the receiver, every holder, the first receiver, the answerable unit and
    /// supervisors are all among them). Depends only on the immutable timeline prefix, so an event is
    /// scoped the same way live, on replay and in a snapshot, whenever it is read.
    /// </summary>
    public static IReadOnlyList<string> AccountsUpTo(IEnumerable<(int Seq, string? Actor, string? Target)> timeline, int seq)
    {
        var accounts = new List<string>(4);
        foreach (var (entrySeq, actor, target) in timeline.OrderBy(e => e.Seq))
        {
            if (entrySeq > seq) break;
            AddConcerned(accounts, actor, target);
        }
        return accounts;
    }

    /// <summary>One entry's step of <see cref="AccountsUpTo"/>: its actor, then its target, join the accounts concerned (once each).</summary>
    public static void AddConcerned(List<string> accounts, string? actor, string? target)
    {
        if (actor is not null && !accounts.Contains(actor)) accounts.Add(actor);
        if (target is not null && !accounts.Contains(target)) accounts.Add(target);
    }

    public static LiveEvent ToLiveEvent(long liveSeq, CaseEvent entry, CaseFacts facts, IReadOnlyList<string> accounts)
    {
        var reason = entry.Reason is { Length: > MaxReasonLength } long_ ? long_[..MaxReasonLength] + "…" : entry.Reason;
        var data = new LiveCaseData(
            entry.Seq, entry.Action.ToString(), entry.FromStatus?.ToString(), entry.ToStatus.ToString(),
            entry.ActorAccountId, entry.TargetAccountId, facts.Category, facts.Topic, facts.Urgency.ToString(),
            entry.Deadline, entry.SupervisionLevel, reason, entry.RelatedCaseId);
        return new LiveEvent(TypeOf(entry.Action), entry.At, accounts, entry.CaseId, facts.RegionCode, data, liveSeq);
    }

    /// <summary>What an event carries of its case (read from the case row).</summary>
    public sealed record CaseFacts(string? RegionCode, string Category, string? Topic, CaseUrgency Urgency);
}
