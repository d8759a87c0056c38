namespace CityMatrix.Silo.Metrics;

/// <summary>
/// Time from receipt to closure, counted in buckets so that counters can be summed over accounts and days.
/// Bucket i holds durations in (bound[i-1], bound[i]] hours (the first from 0, the last above 720 h). The
/// bounds sit on the SLA limits (2 h, 24 h, 7 and 15 days). Quantiles are read from the buckets by linear
/// interpolation inside the bucket the quantile falls in (docs/METRICS.md).
/// </summary>
public static class TimeToClose
{
    /// <summary>Upper bounds in hours; a last, open bucket holds everything above the final bound.</summary>
    public static IReadOnlyList<int> UpperBoundsHours { get; } = [1, 2, 3, 4, 6, 8, 12, 18, 24, 36, 48, 72, 96, 120, 144, 168, 240, 360, 480, 720];

    public static int BucketCount => UpperBoundsHours.Count + 1;

    /// <summary>The bucket of a duration given in ticks (durations of 0 or less fall in the first).</summary>
    public static int BucketOf(long ticks)
    {
        for (var i = 0; i < UpperBoundsHours.Count; i++)
        {
            if (ticks <= UpperBoundsHours[i] * TimeSpan.TicksPerHour) return i;
        }
        return UpperBoundsHours.Count;
    }

    /// <summary>Column name of bucket i: close_le_1h … close_le_720h, close_gt_720h.</summary>
    public static string ColumnName(int bucket) =>
        bucket < UpperBoundsHours.Count ? $"close_le_{UpperBoundsHours[bucket]}h" : $"close_gt_{UpperBoundsHours[^1]}h";

    /// <summary>
    /// The q-quantile (0 &lt; q ≤ 1) in hours of the durations counted in <paramref name="buckets"/>, or null
    /// when nothing is counted. Rank r = q·n; in the bucket where the running count reaches r, the value is
    /// lower + (upper − lower)·(r − before)/count. The open last bucket answers its lower bound (720 h).
    /// </summary>
    public static double? Quantile(IReadOnlyList<long> buckets, double q)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(q);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        long total = 0;
        foreach (var count in buckets) total += count;
        if (total <= 0) return null;
        var rank = q * total;
        long before = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            var count = buckets[i];
            if (count > 0 && before + count >= rank)
            {
                double lower = i == 0 ? 0 : UpperBoundsHours[i - 1];
                if (i >= UpperBoundsHours.Count) return lower;
                double upper = UpperBoundsHours[i];
                return Math.Round(lower + (upper - lower) * (rank - before) / count, 1);
            }
            before += count;
        }
        return UpperBoundsHours[^1];
    }
}
