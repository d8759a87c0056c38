using CityMatrix.Silo.Alerts.Targeting;
using NetTopologySuite.Geometries;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>
/// The clients connected to this server, indexed by where they are: a grid of 0.02° cells (about
/// 2.2 × 1.7 km at Yinchuan) for clients that reported coordinates, and a map by code for those that
/// reported a region code. Targeting classifies whole cells against each shape (inside / outside /
/// partly), so a city-wide alert touches each occupied cell once and tests single clients only along
/// the edges. One lock guards the index; a sweep of 20,000 clients holds it for a few milliseconds.
/// </summary>
public sealed class ClientRegistry
{
    public const double CellDegrees = 0.02;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ConnectedClient> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<ConnectedClient>> _cells = [];
    private readonly Dictionary<string, HashSet<ConnectedClient>> _byRegion = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (_lock) return _byConnection.Count; }
    }

    public void Add(ConnectedClient client)
    {
        lock (_lock) _byConnection[client.ConnectionId] = client;
    }

    public ConnectedClient? Find(string connectionId)
    {
        lock (_lock) return _byConnection.GetValueOrDefault(connectionId);
    }

    public void Remove(string connectionId)
    {
        lock (_lock)
        {
            if (!_byConnection.Remove(connectionId, out var client)) return;
            Unplace(client);
        }
    }

    public void MoveTo(ConnectedClient client, double lat, double lon)
    {
        lock (_lock)
        {
            if (!_byConnection.ContainsKey(client.ConnectionId)) return;
            Unplace(client);
            client.Lat = lat;
            client.Lon = lon;
            client.Cell = CellOf(lat, lon);
            if (!_cells.TryGetValue(client.Cell, out var cell)) _cells[client.Cell] = cell = [];
            cell.Add(client);
        }
    }

    public void MoveTo(ConnectedClient client, string regionCode)
    {
        lock (_lock)
        {
            if (!_byConnection.ContainsKey(client.ConnectionId)) return;
            Unplace(client);
            client.RegionCode = regionCode;
            if (!_byRegion.TryGetValue(regionCode, out var set)) _byRegion[regionCode] = set = [];
            set.Add(client);
        }
    }

    /// <summary>Every client inside the footprint that <paramref name="eligible"/> admits.</summary>
    public List<ConnectedClient> Inside(AlertFootprint footprint, Func<ConnectedClient, bool> eligible)
    {
        var found = new HashSet<ConnectedClient>();
        lock (_lock)
        {
            foreach (var shape in footprint.Shapes)
            {
                var b = shape.Bounds;
                long rows = (long)Math.Floor(b.MaxY / CellDegrees) - (long)Math.Floor(b.MinY / CellDegrees) + 1;
                long cols = (long)Math.Floor(b.MaxX / CellDegrees) - (long)Math.Floor(b.MinX / CellDegrees) + 1;
                // A shape larger than the occupied cells walks the occupied cells instead of its own grid.
                var cells = rows * cols > _cells.Count
                    ? _cells.Where(c => b.Intersects(EnvelopeOf(c.Key)))
                    : CellsIn(b).Where(k => _cells.ContainsKey(k)).Select(k => new KeyValuePair<long, HashSet<ConnectedClient>>(k, _cells[k]));
                foreach (var (key, clients) in cells)
                {
                    switch (shape.Classify(EnvelopeOf(key)))
                    {
                        case Coverage.Inside:
                            found.UnionWith(clients);
                            break;
                        case Coverage.Partial:
                            foreach (var client in clients)
                            {
                                if (shape.Contains(client.Lat!.Value, client.Lon!.Value)) found.Add(client);
                            }
                            break;
                    }
                }
            }
            foreach (var (code, clients) in _byRegion)
            {
                if (footprint.ContainsRegion(code)) found.UnionWith(clients);
            }
        }
        return found.Where(eligible).ToList();
    }

    /// <summary>Clients that were sent any of the given alerts (for Update and Cancel).</summary>
    public List<ConnectedClient> SentAnyOf(IReadOnlyCollection<string> identifiers)
    {
        List<ConnectedClient> all;
        lock (_lock) all = [.. _byConnection.Values];
        return all.Where(c => c.WasSentAny(identifiers)).ToList();
    }

    private void Unplace(ConnectedClient client)
    {
        if (client.Cell != long.MinValue && _cells.TryGetValue(client.Cell, out var cell))
        {
            cell.Remove(client);
            if (cell.Count == 0) _cells.Remove(client.Cell);
        }
        if (client.RegionCode is not null && _byRegion.TryGetValue(client.RegionCode, out var set))
        {
            set.Remove(client);
            if (set.Count == 0) _byRegion.Remove(client.RegionCode);
        }
        client.Cell = long.MinValue;
        client.Lat = client.Lon = null;
        client.RegionCode = null;
    }

    private static long CellOf(double lat, double lon) => Key((long)Math.Floor(lat / CellDegrees), (long)Math.Floor(lon / CellDegrees));

    private static long Key(long row, long col) => (row << 32) ^ (col & 0xFFFFFFFF);

    private static Envelope EnvelopeOf(long key)
    {
        var row = key >> 32;
        var col = (long)(int)(key & 0xFFFFFFFF);
        return new Envelope(col * CellDegrees, (col + 1) * CellDegrees, row * CellDegrees, (row + 1) * CellDegrees);
    }

    private static IEnumerable<long> CellsIn(Envelope b)
    {
        for (var row = (long)Math.Floor(b.MinY / CellDegrees); row <= (long)Math.Floor(b.MaxY / CellDegrees); row++)
        {
            for (var col = (long)Math.Floor(b.MinX / CellDegrees); col <= (long)Math.Floor(b.MaxX / CellDegrees); col++)
                yield return Key(row, col);
        }
    }
}
