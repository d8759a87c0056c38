namespace CityMatrix.Silo.Metrics;

/// <summary>
/// One unit in a month's ranking: its subtree's counters and rates, its score and rank (null when unranked:
/// too few cases, or a weighted rate with nothing to judge), and its rank the month before.
/// <see cref="Movement"/> is previous − current: +2 means it climbed two places.
/// </summary>
public sealed record RankingRow(
    int? Rank, string AccountId, string Name, double? Score, MetricCounts Counts, MetricRates Rates, int? PreviousRank, int? Movement);
