namespace CityMatrix.Silo.Metrics;

/// <summary>
/// The dashboard's headline figures for a scope: today's intake, open and overdue cases now, and the
/// rates over the last 30 days (<see cref="RatesRange"/>).
/// </summary>
public sealed record MetricTiles(DateOnly Date, long IntakeToday, long Open, long OverdueNow, DayRange RatesRange, MetricRates Rates);
