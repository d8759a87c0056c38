namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>
/// One live hub connection on this server. Its position is changed only under the registry's lock;
/// the set of alerts it has been sent is guarded by its own lock, so that the sweep of a new alert and
/// the check after a move can race without sending anything twice.
/// </summary>
public sealed class ConnectedClient(string connectionId, string? userId, bool isTest, IReadOnlySet<string> roles)
{
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    public string ConnectionId { get; } = connectionId;
    public string? UserId { get; } = userId;

    /// <summary>Declared itself a test client when connecting: receives Test, Exercise and System alerts.</summary>
    public bool IsTest { get; } = isTest;
    public IReadOnlySet<string> Roles { get; } = roles;

    public double? Lat { get; internal set; }
    public double? Lon { get; internal set; }
    public string? RegionCode { get; internal set; }
    internal long Cell { get; set; } = long.MinValue;

    /// <summary>True the first time for each identifier: the caller then sends it.</summary>
    public bool TryMarkSent(string identifier)
    {
        lock (_sent) return _sent.Add(identifier);
    }

    public bool WasSent(string identifier)
    {
        lock (_sent) return _sent.Contains(identifier);
    }

    public bool WasSentAny(IEnumerable<string> identifiers)
    {
        lock (_sent) return identifiers.Any(_sent.Contains);
    }
}
