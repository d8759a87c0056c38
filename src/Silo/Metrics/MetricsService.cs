using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Metrics;

/// <summary>
/// Rates, tiles, trends and breakdowns for a scope: a set of accounts whose counters are summed (an account
/// alone, or rolled up over its subtree, <see cref="AccountDirectory.SubtreeOf"/>); null means every account.
/// </summary>
public sealed class MetricsService(MetricsStore store, AccountDirectory accounts, RegionDirectory regions, TimeProvider time)
{
    public const int TileRateDays = 30;

    /// <summary>The account itself, or it and everything it supervises.</summary>
    public IReadOnlySet<string> ScopeOf(string accountId, bool subtree)
    {
        if (accounts.Find(accountId) is null) throw new MetricsRequestException(DomainError.NotFound, $"No account '{accountId}'.", "accountId");
        return subtree ? accounts.SubtreeOf(accountId) : new HashSet<string>(StringComparer.Ordinal) { accountId };
    }

    public async Task<AccountMetrics> ForAccountAsync(string accountId, DayRange range, bool subtree, CancellationToken cancellationToken = default)
    {
        var scope = ScopeOf(accountId, subtree);
        var counts = await SumAsync(scope, range, cancellationToken);
        var overdue = await OverdueAsync(scope, cancellationToken);
        return new AccountMetrics(accountId, accounts.Find(accountId)!.DisplayName, range, subtree, counts, MetricRates.From(counts), overdue);
    }

    /// <summary>Each account of the scope on its own (no roll-up), those with any figure, by id.</summary>
    public async Task<IReadOnlyList<AccountMetrics>> ForEachAccountAsync(IReadOnlySet<string> scope, DayRange range, CancellationToken cancellationToken = default)
    {
        var sums = await store.SumByAccountAsync(range, scope, cancellationToken);
        var overdue = await store.OverdueByAccountAsync(time.GetUtcNow(), cancellationToken);
        return scope.Where(id => sums.ContainsKey(id) || overdue.ContainsKey(id))
            .Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var counts = sums.GetValueOrDefault(id) ?? new MetricCounts();
                return new AccountMetrics(id, accounts.Find(id)?.DisplayName ?? id, range, false, counts, MetricRates.From(counts), overdue.GetValueOrDefault(id));
            })
            .ToList();
    }

    /// <summary>Every account's figures for the range, alone or rolled up over its subtree: two queries, then sums in memory.</summary>
    public async Task<IReadOnlyList<AccountMetrics>> ForAllAccountsAsync(DayRange range, bool subtree, CancellationToken cancellationToken = default) =>
        ForAllAccounts(range, subtree, await store.SumByAccountAsync(range, null, cancellationToken), await store.OverdueByAccountAsync(time.GetUtcNow(), cancellationToken));

    /// <summary>Every account's figures from per-account sums and overdue counts (the bench feeds sums recomputed from the cases).</summary>
    public IReadOnlyList<AccountMetrics> ForAllAccounts(DayRange range, bool subtree, IReadOnlyDictionary<string, MetricCounts> sums, IReadOnlyDictionary<string, long> overdue) =>
        accounts.All.OrderBy(a => a.Id, StringComparer.Ordinal).Select(account =>
        {
            var scope = subtree ? accounts.SubtreeOf(account.Id) : new HashSet<string> { account.Id };
            var counts = MetricCounts.Sum(scope.Where(sums.ContainsKey).Select(id => sums[id]));
            return new AccountMetrics(account.Id, account.DisplayName, range, subtree, counts, MetricRates.From(counts), scope.Sum(id => overdue.GetValueOrDefault(id)));
        }).ToList();

    /// <summary>The scope's counters summed over the range.</summary>
    public async Task<MetricCounts> SumAsync(IReadOnlySet<string>? scope, DayRange? range, CancellationToken cancellationToken = default) =>
        MetricCounts.Sum((await store.SumByAccountAsync(range, scope, cancellationToken)).Values);

    public async Task<long> OverdueAsync(IReadOnlySet<string>? scope, CancellationToken cancellationToken = default)
    {
        var overdue = await store.OverdueByAccountAsync(time.GetUtcNow(), cancellationToken);
        return overdue.Where(o => scope is null || scope.Contains(o.Key)).Sum(o => o.Value);
    }

    public async Task<MetricTiles> TilesAsync(IReadOnlySet<string>? scope, CancellationToken cancellationToken = default)
    {
        var today = CityDay.Today(time);
        var ratesRange = new DayRange(today.AddDays(1 - TileRateDays), today);
        var recent = await store.SumByDayAsync(ratesRange, scope, cancellationToken);
        var allDays = await SumAsync(scope, null, cancellationToken);
        var intake = recent.TryGetValue(CityDay.Key(today), out var todays) ? todays.Received : 0;
        var rates = MetricRates.From(MetricCounts.Sum(recent.Values));
        return new MetricTiles(today, intake, allDays.Open, await OverdueAsync(scope, cancellationToken), ratesRange, rates);
    }

    /// <summary>Every day of the range, days without cases included.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(IReadOnlySet<string>? scope, DayRange range, CancellationToken cancellationToken = default)
    {
        var days = await store.SumByDayAsync(range, scope, cancellationToken);
        return range.EachDay()
            .Select(day => days.TryGetValue(CityDay.Key(day), out var counts) ? new TrendPoint(day, counts.Received, counts.Closures) : new TrendPoint(day, 0, 0))
            .ToList();
    }

    /// <summary>The range's cases by district, topic or category, most received first.</summary>
    public async Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(IReadOnlySet<string>? scope, DayRange range, BreakdownDimension by, CancellationToken cancellationToken = default)
    {
        var rows = await store.BreakdownAsync(range, by, scope, time.GetUtcNow(), cancellationToken);
        return rows
            .Select(row => row with { Name = NameOf(by, row.Key) })
            .OrderByDescending(row => row.Received).ThenBy(row => row.Key, StringComparer.Ordinal)
            .ToList();
    }

    private string NameOf(BreakdownDimension by, string key) => (by, key) switch
    {
        (BreakdownDimension.District, "") => "未定位",
        (BreakdownDimension.District, _) => regions.TryGet(key, out var region) ? region.Name : key,
        (BreakdownDimension.Topic, "") => "无主题",
        (_, "") => "未分类",
        _ => key,
    };
}
