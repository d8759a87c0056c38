namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>Every fault found in one alert: field path (e.g. "info[0].area[1].polygon[0]") → messages.</summary>
public sealed class CapFaults
{
    private readonly SortedDictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

    public bool IsEmpty => _byPath.Count == 0;

    public int Count => _byPath.Values.Sum(m => m.Count);

    public void Add(string path, string message)
    {
        if (!_byPath.TryGetValue(path, out var messages)) _byPath[path] = messages = [];
        messages.Add(message);
    }

    public void AddAll(CapFaults other)
    {
        foreach (var (path, messages) in other._byPath)
            foreach (var message in messages) Add(path, message);
    }

    public bool Has(string path) => _byPath.ContainsKey(path);

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() => string.Join("; ", _byPath.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}"));
}
