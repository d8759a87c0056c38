using System.Collections.Concurrent;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>The alerts in force on this server (not replaced, not expired), for clients that arrive or move later.</summary>
public sealed class ActiveAlertSet(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ActiveAlert> _alerts = new(StringComparer.Ordinal);

    public void Add(ActiveAlert alert) => _alerts[alert.Identifier] = alert;

    public void Remove(IEnumerable<string> identifiers)
    {
        foreach (var identifier in identifiers) _alerts.TryRemove(identifier, out _);
    }

    public List<ActiveAlert> InForce()
    {
        var now = time.GetUtcNow();
        var result = new List<ActiveAlert>();
        foreach (var alert in _alerts.Values)
        {
            if (alert.Record.Expires > now) result.Add(alert);
            else _alerts.TryRemove(alert.Identifier, out _);
        }
        return result;
    }
}
