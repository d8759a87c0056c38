using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// Pushes the SLA steps to the live dashboards once they are durable: a warning (<see cref="LiveEventTypes.SlaWarning"/>)
/// and a system 督办 for an overdue clock (<see cref="LiveEventTypes.SlaBreach"/>), each scoped to the holder, the
/// answerable unit and the supervisors the step notified. Every 督办 itself (a person's too) reaches the dashboards as
/// the numbered case event <see cref="LiveEventTypes.Supervision"/> from the live relay, so it is not published here twice.
/// </summary>
public sealed class SlaLiveEvents(ILiveEventPublisher publisher, SlaEscalation escalation) : ICaseCommitObserver
{
    public void OnCommitted(CaseCommit commit)
    {
        var state = commit.State;
        foreach (var entry in commit.NewEvents)
        {
            switch (entry.Action)
            {
                case CaseAction.SlaWarning:
                    publisher.Publish(new LiveEvent(LiveEventTypes.SlaWarning, entry.At, escalation.Audience(state, 0), state.Id, state.RegionCode,
                        new { clock = ClockOf(state, entry), due = entry.Deadline, note = entry.Reason, level = state.SupervisionLevel }));
                    break;
                case CaseAction.Supervise when entry.ActorUserId == CaseActor.SystemUser && entry.Deadline is not null:
                    var level = entry.SupervisionLevel ?? state.SupervisionLevel;
                    var notified = escalation.Notified(state.AccountId, level);
                    var audience = escalation.Audience(state, level).Concat(entry.ActorAccountId is { } actor ? [actor] : []).Distinct().ToList();
                    publisher.Publish(new LiveEvent(LiveEventTypes.SlaBreach, entry.At, audience, state.Id, state.RegionCode,
                        new { clock = ClockOf(state, entry), due = entry.Deadline, level, notified, note = entry.Reason }));
                    break;
            }
        }
    }

    /// <summary>Which clock a step judged: the one whose due time it carries.</summary>
    private static SlaClock? ClockOf(CaseState state, CaseEvent entry) =>
        entry.Deadline is not { } due ? null : state.FirstResponseDue is { } first && (first - due).Duration() < TimeSpan.FromMilliseconds(1) ? SlaClock.FirstResponse : SlaClock.Resolution;
}
