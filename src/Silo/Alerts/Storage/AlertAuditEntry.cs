namespace CityMatrix.Silo.Alerts.Storage;

/// <summary>Who tried to send which alert for which account, when and from where, and what came of it.</summary>
public sealed class AlertAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserId { get; set; } = "";
    public string? AccountId { get; set; }
    public string? Identifier { get; set; }
    public string? MsgType { get; set; }
    public string? RemoteIp { get; set; }

    /// <summary>Accepted, or Forbidden (the sender may not alert this account or area).</summary>
    public string Outcome { get; set; } = "";
    public string? Detail { get; set; }
}
