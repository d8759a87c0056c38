namespace CityMatrix.Silo.Metrics;

/// <summary>An account's (or its subtree's) counters and rates for a range of days, and its overdue cases now.</summary>
public sealed record AccountMetrics(string AccountId, string Name, DayRange Range, bool Subtree, MetricCounts Counts, MetricRates Rates, long OverdueNow);
