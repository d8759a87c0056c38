namespace CityMatrix.Silo.Alerts.Storage;

/// <summary>One accepted alert: the CAP XML as served back, plus the columns the queries need.</summary>
public sealed class AlertRecord
{
    public string Identifier { get; set; } = "";
    public string Sender { get; set; } = "";
    public DateTimeOffset Sent { get; set; }
    public string Status { get; set; } = "";
    public string MsgType { get; set; } = "";
    public string Scope { get; set; } = "";

    /// <summary>The matrix account it was sent for (the one whose jurisdiction was checked).</summary>
    public string AccountId { get; set; } = "";

    /// <summary>When this server accepted it; latencies of receipts are measured from here.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The latest expires of its info blocks (or the default lifetime when none is given).</summary>
    public DateTimeOffset Expires { get; set; }

    /// <summary>The Update or Cancel that replaced it; a replaced alert is no longer in force.</summary>
    public string? ReplacedBy { get; set; }

    public string Xml { get; set; } = "";
}
