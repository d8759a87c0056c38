namespace CityMatrix.Silo.Metrics;

/// <summary>
/// The rates of docs/METRICS.md from summed counters: fractions 0–1 rounded to 4 places, null when the
/// denominator is 0 (nothing to judge). Hours to close are estimated from the time-to-close buckets.
/// </summary>
public sealed record MetricRates(
    double? AcceptedInTimeRate,
    double? ResponseRate,
    double? ClosureRate,
    double? OnTimeClosureRate,
    double? SolvedRate,
    double? SatisfactionRate,
    double? ReopenRate,
    double? MedianHoursToClose,
    double? P90HoursToClose)
{
    /// <summary>The rates a ranking may weigh (higher is better), by their JSON names.</summary>
    public static IReadOnlyDictionary<string, Func<MetricRates, double?>> Weighable { get; } = new Dictionary<string, Func<MetricRates, double?>>(StringComparer.Ordinal)
    {
        ["acceptedInTimeRate"] = r => r.AcceptedInTimeRate,
        ["responseRate"] = r => r.ResponseRate,
        ["closureRate"] = r => r.ClosureRate,
        ["onTimeClosureRate"] = r => r.OnTimeClosureRate,
        ["solvedRate"] = r => r.SolvedRate,
        ["satisfactionRate"] = r => r.SatisfactionRate,
    };

    public static MetricRates From(MetricCounts c) => new(
        Ratio(c.AcceptedInTime, c.ResponseDue),
        Ratio(c.RespondedInTime, c.ResponseDue),
        Ratio(c.Closed, c.Received),
        Ratio(c.ClosedOnTime, c.Received),
        Ratio(c.Solved, c.Rated),
        Ratio(c.Satisfied, c.Rated),
        Ratio(c.Reopened, c.EverClosed),
        TimeToClose.Quantile(c.CloseBuckets, 0.5),
        TimeToClose.Quantile(c.CloseBuckets, 0.9));

    public static double? Ratio(long numerator, long denominator) =>
        denominator <= 0 ? null : Math.Round((double)numerator / denominator, 4, MidpointRounding.AwayFromZero);
}
