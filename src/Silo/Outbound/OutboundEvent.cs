namespace CityMatrix.Silo.Outbound;

/// <summary>
/// One published change of a case (the outbox row): written in the same transaction as the case change
/// it reports, so it exists exactly when the change does. The feed reads the replies; the webhook
/// worker fans every event out to the subscriptions that want it.
/// </summary>
public sealed class OutboundEvent
{
    /// <summary>"{caseId}-{seq}": one event per timeline entry, so a doubled append is a key violation.</summary>
    public string Id { get; set; } = "";

    /// <summary>One of <see cref="OutboundEventTypes"/>.</summary>
    public string Type { get; set; } = "";
    public string CaseId { get; set; } = "";
    public int Seq { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The account that acted (for a reply: the unit that answered).</summary>
    public string? AccountId { get; set; }

    /// <summary>The published text: the reply, the closing note, the rating comment or the reopening reason.</summary>
    public string? Text { get; set; }

    /// <summary>The JSON body every webhook receives, fixed at write time so retries send identical bytes.</summary>
    public string Payload { get; set; } = "";

    /// <summary>When the worker created this event's deliveries (null: not yet).</summary>
    public DateTimeOffset? FannedOutAt { get; set; }

    public static string IdOf(string caseId, int seq) => $"{caseId}-{seq}";
}
