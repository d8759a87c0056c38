using System.Globalization;
using System.Text.Json;

namespace CityMatrix.Silo.Live;

public enum LiveSignalKind
{
    /// <summary>Case events were numbered up to <see cref="LiveSignal.Body"/>: read them from the table.</summary>
    Sequenced,
    /// <summary>An event that is not kept (SLA, surge, tiles): <see cref="LiveSignal.Body"/> is its JSON.</summary>
    Event,
    /// <summary>Such an event, too large for a notification: <see cref="LiveSignal.Body"/> is its live_messages id.</summary>
    Stored,
}

/// <summary>
/// What one server tells the others on PostgreSQL channel cm_live: "S|node|seq", "E|node|json" or
/// "M|node|id". NOTIFY payloads must stay under 8000 bytes, so case events travel as one number.
/// </summary>
public sealed record LiveSignal(LiveSignalKind Kind, string Node, string Body)
{
    public const string Channel = "cm_live";

    /// <summary>Payload budget in UTF-8 bytes (PostgreSQL's limit is 8000; room left for the prefix).</summary>
    public const int MaxPayloadBytes = 7900;

    /// <summary>How events travel between processes: camelCase like the hub's JSON, so a client cannot tell where an event came from.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Sequenced(string node, long seq) => $"S|{node}|{seq.ToString(CultureInfo.InvariantCulture)}";

    public static string Event(string node, string json) => $"E|{node}|{json}";

    public static string Stored(string node, long id) => $"M|{node}|{id.ToString(CultureInfo.InvariantCulture)}";

    public static LiveSignal? Parse(string payload)
    {
        var parts = payload.Split('|', 3);
        if (parts.Length != 3) return null;
        LiveSignalKind? kind = parts[0] switch
        {
            "S" => LiveSignalKind.Sequenced,
            "E" => LiveSignalKind.Event,
            "M" => LiveSignalKind.Stored,
            _ => null,
        };
        return kind is { } k ? new LiveSignal(k, parts[1], parts[2]) : null;
    }
}
