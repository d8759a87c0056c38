using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Surges;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Surges;

/// <summary>case_counts, kept by triggers with every case write, on SQLite and PostgreSQL (subclasses below).</summary>
public abstract class CaseCountTests(StorageKind kind) : IAsyncLifetime
{
    // 2025-11-01 00:30 in Yinchuan is still 31 October in UTC: the city day must win.
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 11, 1, 0, 30, 0, TimeSpan.FromHours(8)));
    private static readonly DateOnly FirstDay = new(2025, 11, 1);
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private int _citizen;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await _database.StartSiloAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<CaseState> OpenAsync(string? topic, string? region, string category = "城乡建设", SiloHost? silo = null) =>
        (silo ?? _silo).Get<CaseService>().OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", $"citizen-{Interlocked.Increment(ref _citizen)}",
            "暖气不热", category, topic, region, CaseUrgency.Normal));

    private async Task<List<CaseCount>> CountsAsync()
    {
        await using var db = await _silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.CaseCounts.AsNoTracking().OrderBy(c => c.Topic).ThenBy(c => c.Day).ThenBy(c => c.RegionCode).ThenBy(c => c.Hour).ToListAsync();
    }

    [Fact]
    public async Task Opened_cases_are_counted_by_topic_district_and_city_hour_in_the_same_write()
    {
        await OpenAsync("供暖", "640104001002");
        await OpenAsync("供暖", "640104002001");
        await OpenAsync("供暖", "640106");
        await OpenAsync("供暖", null);
        await OpenAsync(null, "640105001002", category: "其他");
        _time.Advance(TimeSpan.FromHours(15));
        await OpenAsync("供暖", "640104001002");

        var counts = await CountsAsync();

        counts.Select(c => (c.Topic, c.Day, c.RegionCode, c.Hour, c.Count)).ShouldBe(
        [
            ("供暖", FirstDay, "6401", 0, 1),
            ("供暖", FirstDay, "640104", 0, 2),
            ("供暖", FirstDay, "640104", 15, 1),
            ("供暖", FirstDay, "640106", 0, 1),
            ("其他", FirstDay, "640105", 0, 1),
        ]);
        var queries = _silo.Get<CaseCountQueries>();
        (await queries.DayCountAsync("供暖", SurgeRegions.City, FirstDay)).ShouldBe(5);
        (await queries.DayCountAsync("供暖", "640104", FirstDay)).ShouldBe(3);
    }

    [Fact]
    public async Task A_recategorised_case_moves_to_its_new_topic_and_counts_stay_equal_to_a_recount()
    {
        var opened = await OpenAsync("供暖", "640104001002");
        await OpenAsync("供暖", "640104001003");

        await _silo.Get<CaseService>().ExecuteAsync(opened.Id, new RecategorizeCase(new CaseActor("wzyc", "wzyc"), "城乡建设", "供水", "其实是停水"));

        var counts = await CountsAsync();
        counts.Select(c => (c.Topic, c.RegionCode, c.Count)).ShouldBe([("供暖", "640104", 1), ("供水", "640104", 1)]);
        (await _silo.Get<CaseCountReconciler>().DifferencesAsync(FirstDay, FirstDay)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_damaged_count_is_found_by_the_recount_and_repaired()
    {
        for (var i = 0; i < 3; i++) await OpenAsync("噪音", "640106001002", category: "环境保护");
        await OpenAsync("供暖", "640104001002");
        await using (var db = await _silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync())
        {
            await db.CaseCounts.Where(c => c.Topic == "噪音").ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, 1));
            await db.CaseCounts.Where(c => c.Topic == "供暖").ExecuteDeleteAsync();
        }
        var reconciler = _silo.Get<CaseCountReconciler>();

        var differences = await reconciler.DifferencesAsync(FirstDay, FirstDay);
        var repaired = await reconciler.RepairAsync(FirstDay, FirstDay);

        differences.Select(d => (d.Topic, d.Stored, d.Expected)).ShouldBe([("供暖", 0, 1), ("噪音", 1, 3)]);
        repaired.Count.ShouldBe(2);
        (await reconciler.DifferencesAsync(FirstDay, FirstDay)).ShouldBeEmpty();
        (await _silo.Get<CaseCountQueries>().DayCountAsync("噪音", "640106", FirstDay)).ShouldBe(3);
    }

    [Fact]
    public async Task Two_hosts_opening_cases_at_once_leave_exact_counts()
    {
        await using var second = await _database.StartSiloAsync(_time);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => OpenAsync("供暖", $"64010400100{2 + i % 3}", silo: i % 2 == 0 ? _silo : second))));

        (await _silo.Get<CaseCountQueries>().DayCountAsync("供暖", "640104", FirstDay)).ShouldBe(60);
        (await _silo.Get<CaseCountReconciler>().DifferencesAsync(FirstDay, FirstDay)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_database_upgraded_to_step_11_counts_the_cases_it_already_had()
    {
        for (var i = 0; i < 4; i++) await OpenAsync("供暖", "640104001002");
        await OpenAsync("噪音", "640106001002", category: "环境保护");
        await using (var db = await _silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync())
        {
            // Back to a database from before step 11.
            await db.Database.ExecuteSqlRawAsync(kind == StorageKind.Sqlite
                ? "DROP TRIGGER cases_counts_ai; DROP TRIGGER cases_counts_au; DROP TRIGGER cases_counts_ad; DROP TABLE case_counts; DROP TABLE surge_alerts; DROP TABLE reports;"
                : "DROP TRIGGER cases_counts_ai ON cases; DROP TRIGGER cases_counts_au ON cases; DROP TRIGGER cases_counts_ad ON cases; DROP TABLE case_counts; DROP TABLE surge_alerts; DROP TABLE reports;");
            await db.SchemaVersions.Where(v => v.Version == 11).ExecuteDeleteAsync();
        }

        await using var upgraded = await _database.StartSiloAsync(_time);
        await OpenAsync("供暖", "640104001003", silo: upgraded);

        (await upgraded.Get<CaseCountQueries>().DayCountAsync("供暖", SurgeRegions.City, FirstDay)).ShouldBe(5);
        (await upgraded.Get<CaseCountQueries>().DayCountAsync("噪音", "640106", FirstDay)).ShouldBe(1);
        (await upgraded.Get<CaseCountReconciler>().DifferencesAsync(FirstDay, FirstDay)).ShouldBeEmpty();
    }
}

public sealed class CaseCountTests_on_Sqlite() : CaseCountTests(StorageKind.Sqlite);

public sealed class CaseCountTests_on_PostgreSql() : CaseCountTests(StorageKind.PostgreSql);
