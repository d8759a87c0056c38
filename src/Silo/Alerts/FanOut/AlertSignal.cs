namespace CityMatrix.Silo.Alerts.FanOut;

public enum AlertSignalKind
{
    /// <summary>A new alert (Alert, Update, Cancel) was stored: deliver it to this server's clients.</summary>
    Sent,
    /// <summary>Receipts were written: refresh the sender's live view.</summary>
    Receipts,
}

/// <summary>What one server tells the others; the payload is small (the identifier), each node loads the rest.</summary>
public sealed record AlertSignal(AlertSignalKind Kind, string Identifier, string Node)
{
    public string ToPayload() => $"{(Kind == AlertSignalKind.Sent ? 'S' : 'R')}|{Node}|{Identifier}";

    public static AlertSignal? FromPayload(string payload)
    {
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || parts[0] is not ("S" or "R")) return null;
        return new AlertSignal(parts[0] == "S" ? AlertSignalKind.Sent : AlertSignalKind.Receipts, parts[2], parts[1]);
    }
}
