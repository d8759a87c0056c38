namespace CityMatrix.Api.Live;

/// <summary>
/// The dashboard connections of this process. Copy-on-write: the push loop walks an array without locking;
/// connecting and disconnecting (rare next to events) copy it.
/// </summary>
public sealed class DashboardConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DashboardConnection> _byId = new(StringComparer.Ordinal);
    private DashboardConnection[] _all = [];

    public IReadOnlyList<DashboardConnection> All => Volatile.Read(ref _all);

    public void Add(DashboardConnection connection)
    {
        lock (_lock)
        {
            _byId[connection.Id] = connection;
            Volatile.Write(ref _all, [.. _byId.Values]);
        }
    }

    public void Remove(string connectionId)
    {
        lock (_lock)
        {
            if (_byId.Remove(connectionId)) Volatile.Write(ref _all, [.. _byId.Values]);
        }
    }

    public DashboardConnection? Find(string connectionId)
    {
        lock (_lock) return _byId.GetValueOrDefault(connectionId);
    }
}
