using System.Text.Json;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Outbound;

/// <summary>
/// The transactional outbox of cases: <see cref="EventsFor"/> turns a case's new timeline entries into
/// events that the case storage inserts in the case's own transaction (so a committed reply always has
/// its event and a lost write race has neither); <see cref="Written"/> wakes the delivery worker.
/// </summary>
public sealed class CaseOutbox(AccountDirectory accounts, OutboxSignal signal)
{
    // Chinese text stays readable in the body (HTML-sensitive characters are still escaped).
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public IEnumerable<OutboundEvent> EventsFor(CaseState state, int firstNewIndex)
    {
        for (var i = firstNewIndex; i < state.Timeline.Count; i++)
        {
            var entry = state.Timeline[i];
            if (OutboundEventTypes.Of(entry.Action) is not { } type) continue;
            var id = OutboundEvent.IdOf(state.Id, entry.Seq);
            var text = entry.Action == CaseAction.Reply ? state.PublicReply : entry.Reason;
            yield return new OutboundEvent
            {
                Id = id,
                Type = type,
                CaseId = state.Id,
                Seq = entry.Seq,
                At = entry.At,
                AccountId = entry.ActorAccountId,
                Text = text,
                Payload = JsonSerializer.Serialize(PayloadOf(id, type, state, entry, text), Json),
            };
        }
    }

    /// <summary>Called once the case transaction has committed.</summary>
    public void Written(CaseState state, int firstNewIndex)
    {
        for (var i = firstNewIndex; i < state.Timeline.Count; i++)
        {
            if (OutboundEventTypes.Of(state.Timeline[i].Action) is null) continue;
            signal.Notify();
            return;
        }
    }

    /// <summary>Public fields only: never the citizen's id.</summary>
    private object PayloadOf(string id, string type, CaseState state, CaseEvent entry, string? text) => new
    {
        id,
        type,
        occurredAt = entry.At,
        text,
        @case = new
        {
            id = state.Id,
            state = state.Status.ToString(),
            category = state.Category,
            topic = state.Topic,
            regionCode = state.RegionCode,
            account = new { id = entry.ActorAccountId, displayName = accounts.Find(entry.ActorAccountId)?.DisplayName },
            complaint = state.Text,
            reply = state.PublicReply,
            receivedAt = state.ReceivedAt,
            repliedAt = state.RepliedAt,
            closedAt = state.ClosedAt,
            solved = state.Solved,
            satisfied = state.Satisfied,
        },
    };
}
