namespace CityMatrix.Silo.Alerts.Storage;

/// <summary>
/// One step of one delivery: Targeted (chosen as inside the area), Delivered (written to the client's
/// connection), Acknowledged (the client called Acknowledge). Insert-only, so nodes never contend.
/// </summary>
public sealed class AlertReceipt
{
    public long Id { get; set; }
    public string Identifier { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string? UserId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Node { get; set; } = "";
}
