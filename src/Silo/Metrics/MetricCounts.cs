namespace CityMatrix.Silo.Metrics;

/// <summary>A vector of the <see cref="MetricColumn"/> counters (one row, or a sum of rows).</summary>
public sealed class MetricCounts : IEquatable<MetricCounts>
{
    private readonly long[] _values;

    public MetricCounts() => _values = new long[MetricColumn.Count];

    private MetricCounts(long[] values) => _values = values;

    public long this[int column]
    {
        get => _values[column];
        set => _values[column] = value;
    }

    public IReadOnlyList<long> Values => _values;

    public bool IsZero => Array.TrueForAll(_values, v => v == 0);

    public long Received => _values[MetricColumn.Received];
    public long Merged => _values[MetricColumn.Merged];
    public long Dispatched => _values[MetricColumn.Dispatched];
    public long ResponseDue => _values[MetricColumn.ResponseDue];
    public long AcceptedInTime => _values[MetricColumn.AcceptedInTime];
    public long RespondedInTime => _values[MetricColumn.RespondedInTime];
    public long Open => _values[MetricColumn.Open];
    public long Closed => _values[MetricColumn.Closed];
    public long ClosedOnTime => _values[MetricColumn.ClosedOnTime];
    public long EverClosed => _values[MetricColumn.EverClosed];
    public long Reopened => _values[MetricColumn.Reopened];
    public long Rated => _values[MetricColumn.Rated];
    public long Solved => _values[MetricColumn.Solved];
    public long Satisfied => _values[MetricColumn.Satisfied];
    public long Closures => _values[MetricColumn.Closures];

    /// <summary>The time-to-close histogram (<see cref="TimeToClose"/> buckets).</summary>
    public IReadOnlyList<long> CloseBuckets => new ArraySegment<long>(_values, MetricColumn.FirstCloseBucket, TimeToClose.BucketCount);

    /// <summary>Adds <paramref name="other"/> times <paramref name="sign"/> into this vector.</summary>
    public MetricCounts Add(MetricCounts other, int sign = 1)
    {
        for (var i = 0; i < _values.Length; i++) _values[i] += sign * other._values[i];
        return this;
    }

    public MetricCounts Copy() => new((long[])_values.Clone());

    public static MetricCounts Sum(IEnumerable<MetricCounts> rows)
    {
        var sum = new MetricCounts();
        foreach (var row in rows) sum.Add(row);
        return sum;
    }

    public bool Equals(MetricCounts? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as MetricCounts);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values) hash.Add(value);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join(", ", _values.Select((v, i) => (v, i)).Where(p => p.v != 0).Select(p => $"{MetricColumn.Names[p.i]}={p.v}"));
}
