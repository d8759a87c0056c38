using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Storage;
using CityMatrix.Silo.Alerts.Targeting;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>An alert this server is delivering: its record, parsed CAP, footprint and audience.</summary>
public sealed class ActiveAlert(AlertRecord record, CapAlert cap, AlertFootprint footprint)
{
    public AlertRecord Record { get; } = record;
    public CapAlert Cap { get; } = cap;
    public AlertFootprint Footprint { get; } = footprint;
    public AlertAudience Audience { get; } = new(cap);
    public string Identifier => Record.Identifier;

    /// <summary>The identifiers this alert updates or cancels.</summary>
    public IReadOnlyList<string> Replaces { get; } = CapReference.Parse(cap.References).Select(r => r.Identifier).ToList();

    public bool Covers(ConnectedClient client) =>
        client.Lat is { } lat && client.Lon is { } lon ? Footprint.Contains(lat, lon)
        : client.RegionCode is { } code && Footprint.ContainsRegion(code);
}
