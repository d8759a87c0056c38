using CityMatrix.Silo.Metrics;

namespace CityMatrix.Api.Metrics;

/// <summary>The raw counts behind the rates (docs/METRICS.md names each one).</summary>
public sealed record MetricCountsView(
    long Received, long Merged, long Dispatched, long ResponseDue, long AcceptedInTime, long RespondedInTime, long Open, long Closed,
    long ClosedOnTime, long EverClosed, long Reopened, long Rated, long Solved, long Satisfied, long Closures)
{
    public static MetricCountsView From(MetricCounts c) => new(
        c.Received, c.Merged, c.Dispatched, c.ResponseDue, c.AcceptedInTime, c.RespondedInTime, c.Open, c.Closed,
        c.ClosedOnTime, c.EverClosed, c.Reopened, c.Rated, c.Solved, c.Satisfied, c.Closures);
}

/// <summary>GET /api/metrics/accounts/{accountId}: rates are fractions 0–1 (4 places), null when there is nothing to judge.</summary>
public sealed record AccountMetricsView(
    string AccountId, string Name, DateOnly From, DateOnly To, bool Subtree, long Received,
    double? AcceptedInTimeRate, double? ResponseRate, double? ClosureRate, double? OnTimeClosureRate, double? SolvedRate,
    double? SatisfactionRate, double? ReopenRate, double? MedianHoursToClose, double? P90HoursToClose, long OverdueNow,
    MetricCountsView Counts)
{
    public static AccountMetricsView Of(AccountMetrics m) => new(
        m.AccountId, m.Name, m.Range.From, m.Range.To, m.Subtree, m.Counts.Received,
        m.Rates.AcceptedInTimeRate, m.Rates.ResponseRate, m.Rates.ClosureRate, m.Rates.OnTimeClosureRate, m.Rates.SolvedRate,
        m.Rates.SatisfactionRate, m.Rates.ReopenRate, m.Rates.MedianHoursToClose, m.Rates.P90HoursToClose, m.OverdueNow,
        MetricCountsView.From(m.Counts));
}

/// <summary>GET /api/metrics/tiles: today's intake, open and overdue now; rates over the 30 days ratesFrom..ratesTo.</summary>
public sealed record TilesView(
    DateOnly Date, string? AccountId, long IntakeToday, long Open, long OverdueNow,
    double? ClosureRate, double? OnTimeClosureRate, double? SatisfactionRate, DateOnly RatesFrom, DateOnly RatesTo)
{
    public static TilesView From(MetricTiles t, string? accountId) => new(
        t.Date, accountId, t.IntakeToday, t.Open, t.OverdueNow, t.Rates.ClosureRate, t.Rates.OnTimeClosureRate, t.Rates.SatisfactionRate,
        t.RatesRange.From, t.RatesRange.To);
}

public sealed record TrendPointView(DateOnly Day, long Received, long Closed);

public sealed record BreakdownRowView(string Key, string Name, long Received, long Open, long Closed, long Overdue);

public sealed record RankingRowView(
    int? Rank, string AccountId, string Name, double? Score, long Received,
    double? AcceptedInTimeRate, double? ResponseRate, double? ClosureRate, double? OnTimeClosureRate, double? SolvedRate,
    double? SatisfactionRate, double? ReopenRate, int? PreviousRank, int? Movement)
{
    public static RankingRowView From(RankingRow r) => new(
        r.Rank, r.AccountId, r.Name, r.Score, r.Counts.Received,
        r.Rates.AcceptedInTimeRate, r.Rates.ResponseRate, r.Rates.ClosureRate, r.Rates.OnTimeClosureRate, r.Rates.SolvedRate,
        r.Rates.SatisfactionRate, r.Rates.ReopenRate, r.PreviousRank, r.Movement);
}

/// <summary>GET /api/rankings: the month, the kind, the published weights and the rows (only those the user may see).</summary>
public sealed record RankingView(string Month, string Kind, IReadOnlyDictionary<string, double> Weights, IReadOnlyList<RankingRowView> Rows)
{
    public static RankingView From(RankingTable table, Func<string, bool> visible) => new(
        table.MonthText, table.Kind.ToString().ToLowerInvariant(),
        table.Weights.ToDictionary(w => w.Key, w => w.Value),
        table.Rows.Where(r => visible(r.AccountId)).Select(RankingRowView.From).ToList());
}
