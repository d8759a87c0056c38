using CityMatrix.Silo.Outbound;

namespace CityMatrix.Api.Webhooks;

public sealed record CreateWebhookRequest(string? Url, string? Secret, List<string>? Events);

/// <summary>A subscription as listed: never its secret.</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static WebhookView From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.CreatedBy, s.CreatedAt);
}

/// <summary>The answer to a creation: the only time the secret is shown.</summary>
public sealed record CreatedWebhookView(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

public sealed record DeliveryView(
    string Id, string SubscriptionId, string EventId, string EventType, DeliveryStatus Status, int Attempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttempt>? History)
{
    public static DeliveryView From(WebhookDelivery d, IReadOnlyList<WebhookAttempt>? history = null) => new(
        d.Id, d.SubscriptionId, d.EventId, d.EventType, d.Status, d.Attempts,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.DeliveredAt, history);
}
