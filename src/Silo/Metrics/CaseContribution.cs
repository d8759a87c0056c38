namespace CityMatrix.Silo.Metrics;

/// <summary>
/// What one case, as it stands, adds to the counter rows. The counters are the sum of every stored case's
/// contribution; a case write applies the difference between the new contribution and the stored one.
/// Immutable.
/// </summary>
public sealed class CaseContribution
{
    public static CaseContribution None { get; } = new(new Dictionary<CounterKey, MetricCounts>());

    private readonly IReadOnlyDictionary<CounterKey, MetricCounts> _rows;

    internal CaseContribution(IReadOnlyDictionary<CounterKey, MetricCounts> rows) => _rows = rows;

    public IReadOnlyDictionary<CounterKey, MetricCounts> Rows => _rows;

    /// <summary>after − before, per row, leaving out rows that do not change; ordered by key.</summary>
    public static IReadOnlyList<KeyValuePair<CounterKey, MetricCounts>> Difference(CaseContribution? before, CaseContribution after)
    {
        var rows = new SortedDictionary<CounterKey, MetricCounts>();
        foreach (var (key, counts) in after._rows) rows[key] = counts.Copy();
        foreach (var (key, counts) in (before ?? None)._rows)
        {
            if (!rows.TryGetValue(key, out var row)) rows[key] = row = new MetricCounts();
            row.Add(counts, -1);
        }
        return rows.Where(r => !r.Value.IsZero).ToList();
    }
}
