namespace CityMatrix.Silo.Outbound;

/// <summary>One event owed to one subscription, until it is delivered (or an administrator gives up on the subscription).</summary>
public sealed class WebhookDelivery
{
    /// <summary>"{subscriptionId}:{eventId}".</summary>
    public string Id { get; set; } = "";
    public string SubscriptionId { get; set; } = "";
    public string EventId { get; set; } = "";
    public string EventType { get; set; } = "";
    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts in the current round (a redelivery starts a new round; the attempts table keeps them all).</summary>
    public int Attempts { get; set; }

    /// <summary>When the worker may try next; while an attempt is in flight, the end of its lease.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public static string IdOf(string subscriptionId, string eventId) => $"{subscriptionId}:{eventId}";
}

public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Every attempt of the round failed; kept with its last error until an administrator redelivers it.</summary>
    Dead,
    /// <summary>The subscription was deleted before delivery.</summary>
    Cancelled,
}
