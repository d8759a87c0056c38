using System.Diagnostics;
using CityMatrix.Live.Bench;
using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// Live-events benchmark: what a dashboard's GetSnapshot, a reconnecting client's replay and the sequencer cost
// over a year of history (default 200,000 cases ≈ 900,000 timeline entries), in-process against the real
// schema and queries.
//   dotnet run --project bench/Live.Bench -c Release -- [--provider sqlite|postgres] [--cases N] [--pg "Host=…;Database=postgres"] [--keep]
string Value(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
var provider = Value("--provider", "sqlite");
var cases = int.Parse(Value("--cases", "200000"));
const int DashboardReplay = 500; // DashboardPushService.MaxReplay
var settings = new Dictionary<string, string?>();
string? database = null, admin = null;
if (provider == "postgres")
{
    admin = Value("--pg", Environment.GetEnvironmentVariable("CITYMATRIX_TEST_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres;Database=postgres");
    database = $"cm_live_bench_{Guid.NewGuid():N}"[..30];
    await using (var connection = new NpgsqlConnection(admin))
    {
        await connection.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
    }
    settings["Storage:Provider"] = "PostgreSql";
    settings["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
}
else
{
    settings["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "citymatrix-live-bench", Guid.NewGuid().ToString("N"));
}

var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
    .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
services.AddCitySilo();
await using var provider_ = services.BuildServiceProvider();
foreach (var hosted in provider_.GetServices<IHostedService>().OfType<StorageInitializer>()) await hosted.StartAsync(CancellationToken.None);
var contexts = provider_.GetRequiredService<IDbContextFactory<CityMatrixDbContext>>();
var accounts = provider_.GetRequiredService<AccountDirectory>();
var now = DateTimeOffset.UtcNow;

var fill = Stopwatch.StartNew();
var events = await HistoryGenerator.FillAsync(contexts, accounts, cases, now);
Console.WriteLine($"provider={provider} cases={cases:N0} timeline entries={events:N0} (filled in {fill.Elapsed.TotalSeconds:F0} s) cores={Environment.ProcessorCount}");
await using (var db = await contexts.CreateDbContextAsync())
{
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
    await LiveSequencer.RecordAccountsAsync(db, 0, long.MaxValue);
    if (provider == "postgres") await db.Database.ExecuteSqlRawAsync("ANALYZE");
}

var snapshots = provider_.GetRequiredService<LiveSnapshots>();
var timeline = provider_.GetRequiredService<LiveTimeline>();
var district = "district-640104";
var supervised = accounts.All.Where(a => a.Id == district || accounts.IsSupervisorOf(district, a.Id)).Select(a => a.Id).ToList();
var busiestStreet = await BusiestAsync(AccountKind.Street);
var quietest = await QuietestAsync();
var scopes = new (string Name, LiveScope Scope)[]
{
    ("admin (everything)", LiveScope.Everything),
    ($"district supervisor ({supervised.Count} accounts)", LiveScope.Of(supervised)),
    ($"street officer ({busiestStreet})", LiveScope.Of([busiestStreet])),
    ($"quietest account ({quietest})", LiveScope.Of([quietest])),
};
var last = await timeline.LastSeqAsync();

Console.WriteLine();
Console.WriteLine("| operation | scope | median ms | max ms (of 20) | result |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, scope) in scopes)
{
    LiveSnapshot? snapshot = null;
    var (median, max) = await TimeAsync(async () => snapshot = await snapshots.TakeAsync(scope));
    Console.WriteLine($"| GetSnapshot (4 counts + last 50 events) | {name} | {median:F1} | {max:F1} | open {snapshot!.OpenCases:N0}, overdue {snapshot.OverdueNow:N0}, today {snapshot.IntakeToday:N0}/{snapshot.ClosedToday:N0}, recent {snapshot.Recent.Count} |");
}
foreach (var (name, scope) in scopes)
{
    var count = 0;
    var (median, max) = await TimeAsync(async () => count = (await timeline.ReadAsync(last - 5000, last, scope, DashboardReplay)).Count);
    Console.WriteLine($"| replay of the last 5,000 city events (≤ {DashboardReplay}) | {name} | {median:F1} | {max:F1} | {count} events |");
}
{
    var count = 0;
    var (median, max) = await TimeAsync(async () => count = (await timeline.ReadAsync(last - 500, last, LiveScope.Everything, 500)).Count);
    Console.WriteLine($"| relay read of 500 events | admin (everything) | {median:F1} | {max:F1} | {count} events |");
}

// The sequencer: a backlog of unnumbered entries (e.g. after a crash), then the steady state of one commit.
await using (var db = await contexts.CreateDbContextAsync())
{
    await db.Database.ExecuteSqlRawAsync("DELETE FROM live_event_accounts WHERE \"LiveSeq\" > {0}", last - 10_000);
    await db.Database.ExecuteSqlRawAsync("UPDATE case_events SET \"LiveSeq\" = NULL WHERE \"LiveSeq\" > {0}", last - 10_000);
}
var sequencer = provider_.GetRequiredService<LiveSequencer>();
var backlog = Stopwatch.StartNew();
var numbered = await sequencer.SequenceAsync();
Console.WriteLine($"| sequencer: number a backlog of 10,000 entries | - | {backlog.Elapsed.TotalMilliseconds:F1} | - | up to {numbered:N0} |");
var caseService = provider_.GetRequiredService<CaseService>();
{
    var (median, max) = await TimeAsync(async () =>
    {
        await caseService.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", "citizen-bench", "路灯不亮", "城乡建设", null, "640104", CaseUrgency.Normal));
        await sequencer.SequenceAsync();
    });
    var (openOnly, _) = await TimeAsync(() => caseService.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", "citizen-bench", "路灯不亮", "城乡建设", null, "640104", CaseUrgency.Normal)));
    Console.WriteLine($"| open a case, then number its entry | - | {median:F1} | {max:F1} | open alone: {openOnly:F1} ms |");
}

if (args.Contains("--keep"))
{
    Console.WriteLine($"kept: {database ?? settings["Storage:DataDirectory"]}");
}
else if (database is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var connection = new NpgsqlConnection(admin);
    await connection.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
}
else
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(settings["Storage:DataDirectory"]!, recursive: true);
}
return;

async Task<(double Median, double Max)> TimeAsync(Func<Task> run)
{
    await run(); // warm-up
    var times = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return (times[times.Count / 2], times[^1]);
}

async Task<string> BusiestAsync(AccountKind kind)
{
    var ids = accounts.All.Where(a => a.Kind == kind).Select(a => a.Id).ToList();
    await using var db = await contexts.CreateDbContextAsync();
    return await db.Cases.Where(c => ids.Contains(c.AccountId)).GroupBy(c => c.AccountId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
}

async Task<string> QuietestAsync()
{
    await using var db = await contexts.CreateDbContextAsync();
    return await db.Cases.Where(c => c.AccountId != "wzyc").GroupBy(c => c.AccountId).OrderBy(g => g.Count()).Select(g => g.Key).FirstAsync();
}
