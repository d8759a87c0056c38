namespace CityMatrix.Silo.Outbound;

/// <summary>One HTTP attempt of a delivery, kept for the administrator's view.</summary>
public sealed class WebhookAttempt
{
    public string DeliveryId { get; set; } = "";
    public int No { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public long DurationMs { get; set; }
}
