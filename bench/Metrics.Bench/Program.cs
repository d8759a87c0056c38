using System.Diagnostics;
using System.Globalization;
using CityMatrix.Metrics.Bench;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

// Rates and rankings over a year of generated cases (docs/PERFORMANCE.md, "Rates and rankings"):
//   dotnet run --project bench/Metrics.Bench -c Release -- [--cases 1000000] [--provider sqlite|postgres] [--pg CONN]
//       [--dir DIR] [--concurrency 64] [--repeat 5] [--reuse] [--keep] [--live] [--overhead N]
// Stores the cases (in bulk by default, or one by one through the live case write path with --live), checks the
// counters against a recomputation from the cases table, then times the rankings and rates read from the
// counters against the same answers computed from the cases table in the same run (the peer). --overhead N
// times N live case writes with the counters on and off.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var start = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));
var now = new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.FromHours(8));
var clock = new FixedClock(now);
var year = new DayRange(new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30));
var month = DayRange.Month(2026, 11);
RankingKind[] kinds = [RankingKind.District, RankingKind.Street, RankingKind.Bureau];

Console.WriteLine($"cases={options.Cases:N0} provider={options.Provider} concurrency={options.Concurrency} repeat={options.Repeat} cores={Environment.ProcessorCount} " +
    $"load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

if (options.Overhead > 0) await WriteOverheadAsync();

var directory = Path.Combine(options.Directory, "store");
if (options.Provider == "sqlite" && !options.Reuse && Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
var silo = await BenchSilo.StartAsync(options.Provider, directory, options.PostgresServer, clock);
try
{
    var accounts = silo.Get<AccountDirectory>();
    var stored = await silo.Get<CaseQueries>().CountAsync();
    if (stored < options.Cases)
    {
        var generator = new CaseGenerator(accounts, start, now);
        var rate = options.Live
            ? await CaseWriter.WriteAsync(silo.Get<IGrainStorage<CaseState>>(), generator, stored, options.Cases - stored, options.Concurrency, progress: true)
            : await BulkCaseWriter.WriteAsync(silo.Get<IDbContextFactory<CityMatrixDbContext>>(), generator, stored, options.Cases - stored,
                writers: options.Provider == "sqlite" ? 1 : 4, tickPrecision: options.Provider == "sqlite" ? 1 : 10);
        Console.WriteLine($"wrote {options.Cases - stored:N0} cases {(options.Live ? "through the live case write path" : "in bulk (1,000 a transaction, counters by the same upsert)")}: {rate:F0} cases/s");
    }
    if (options.Provider == "sqlite") Console.WriteLine($"SQLite file: {new FileInfo(Path.Combine(directory, "citymatrix.db")).Length / 1024 / 1024} MB");

    var store = silo.Get<MetricsStore>();
    var recomputation = silo.Get<MetricsRecomputation>();
    var metrics = silo.Get<MetricsService>();
    var rankings = silo.Get<RankingService>();

    var watch = Stopwatch.StartNew();
    var recomputed = await recomputation.AllRowsAsync();
    var recomputeSeconds = watch.Elapsed.TotalSeconds;
    var counters = (await store.ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
    var equal = counters.Count == recomputed.Count && recomputed.All(r => counters.TryGetValue(r.Key, out var c) && c.Equals(r.Value));
    var total = MetricCounts.Sum(counters.Where(r => CityDay.IsMonthKey(r.Key.Day)).Select(r => r.Value));
    Console.WriteLine($"counters = recomputation from the cases table: {(equal ? "yes" : "NO")} ({counters.Count:N0} rows; full recomputation {recomputeSeconds:F1} s)");
    Console.WriteLine($"totals: {total}");
    Console.WriteLine();
    Console.WriteLine("| query | counters (median ms) | peer: from the cases table (median ms) | peer / counters | same answer |");
    Console.WriteLine("|---|---|---|---|---|");

    var (rankMs, ranked) = await Timing.MedianAsync(options.Repeat, () => rankings.RankAsync(kinds, 2026, 11));
    var (rankPeerMs, rankedPeer) = await Timing.MedianAsync(options.Repeat, async () =>
        rankings.Rank(kinds, 2026, 11, await recomputation.CohortByAccountAsync(month), await recomputation.CohortByAccountAsync(month.Previous())));
    Row($"a month's rankings, all {ranked.Sum(t => t.Rows.Count)} districts, streets and bureaus (with last month for movement)", rankMs, rankPeerMs, SameRankings(ranked, rankedPeer));

    var (yearMs, perAccount) = await Timing.MedianAsync(options.Repeat, () => metrics.ForAllAccountsAsync(year, subtree: true));
    var (yearPeerMs, perAccountPeer) = await Timing.MedianAsync(options.Repeat, async () =>
        metrics.ForAllAccounts(year, true, await recomputation.CohortByAccountAsync(year), await store.OverdueByAccountAsync(now)));
    Row($"a year of rates for each of the {perAccount.Count} accounts, rolled up over its subtree", yearMs, yearPeerMs,
        perAccount.Zip(perAccountPeer).All(p => p.First.Rates == p.Second.Rates && p.First.OverdueNow == p.Second.OverdueNow));

    var (monthMs, _) = await Timing.MedianAsync(options.Repeat, () => metrics.ForAllAccountsAsync(month, subtree: true));
    var (monthPeerMs, _) = await Timing.MedianAsync(options.Repeat, async () =>
        metrics.ForAllAccounts(month, true, await recomputation.CohortByAccountAsync(month), await store.OverdueByAccountAsync(now)));
    Row("a month of rates for every account, rolled up", monthMs, monthPeerMs, null);

    var (districtMs, _) = await Timing.MedianAsync(options.Repeat, () => metrics.ForAccountAsync("district-640104", year, subtree: true));
    Row("one district's year, rolled up (GET /api/metrics/accounts/{id}?subtree=true)", districtMs, null, null);
    var (tilesMs, _) = await Timing.MedianAsync(options.Repeat, () => metrics.TilesAsync(null));
    Row("city tiles (GET /api/metrics/tiles as @问政银川)", tilesMs, null, null);
    var (trendMs, _) = await Timing.MedianAsync(options.Repeat, () => metrics.TrendAsync(null, year));
    Row("city trend, 365 days", trendMs, null, null);
    var (breakdownMs, _) = await Timing.MedianAsync(options.Repeat, () => metrics.BreakdownAsync(null, month, BreakdownDimension.District));
    Row("city breakdown by district, one month (reads the cases table)", breakdownMs, null, null);
}
finally
{
    await silo.DisposeAsync(options.Keep);
}

void Row(string what, double counters, double? peer, bool? same) =>
    Console.WriteLine($"| {what} | {counters:F1} | {(peer is { } p ? p.ToString("F1") : "–")} | {(peer is { } q ? (q / counters).ToString("F0") + "×" : "–")} | {(same is { } s ? (s ? "yes" : "NO") : "–")} |");

static bool SameRankings(IReadOnlyList<RankingTable> a, IReadOnlyList<RankingTable> b) =>
    a.Zip(b).All(p => p.First.Rows.Select(r => (r.AccountId, r.Rank, r.Score, r.PreviousRank, r.Rates))
        .SequenceEqual(p.Second.Rows.Select(r => (r.AccountId, r.Rank, r.Score, r.PreviousRank, r.Rates))));

// The cost the counters add to a case write: the same cases into two fresh stores, counters on and off.
async Task WriteOverheadAsync()
{
    foreach (var counters in new[] { false, true, false, true })
    {
        var dir = Path.Combine(options.Directory, "overhead");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var fresh = await BenchSilo.StartAsync(options.Provider, dir, options.PostgresServer, clock, counters);
        try
        {
            var generator = new CaseGenerator(fresh.Get<AccountDirectory>(), start, now);
            var rate = await CaseWriter.WriteAsync(fresh.Get<IGrainStorage<CaseState>>(), generator, 0, options.Overhead, options.Concurrency, progress: false);
            Console.WriteLine($"write path, {options.Overhead:N0} cases, counters {(counters ? "on " : "off")}: {rate:F0} cases/s ({1_000_000 / rate:F0} µs per case)");
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}
