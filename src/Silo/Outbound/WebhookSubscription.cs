namespace CityMatrix.Silo.Outbound;

/// <summary>An administrator's webhook: where to POST which events, and the secret that signs them.</summary>
public sealed class WebhookSubscription
{
    public string Id { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key. Kept in the database (it must sign); shown only once, on creation.</summary>
    public string Secret { get; set; } = "";
    public List<string> Events { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Deleted subscriptions stay, so their deliveries' history stays readable.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
