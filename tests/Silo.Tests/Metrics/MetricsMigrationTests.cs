using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Metrics;

/// <summary>Migration step 10 on a database that already holds cases: the counters are backfilled from them.</summary>
public abstract class MetricsMigrationTests(StorageKind kind) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_database_from_before_step_10_gets_counters_for_the_cases_it_already_holds()
    {
        Dictionary<CounterKey, MetricCounts> before;
        await using (var silo = await _database.StartSiloAsync(_clock))
        {
            var cases = new CaseDriver(silo, _clock);
            var rated = await cases.HandledAsync("street-640104001", 1, 1, 3);
            await cases.RateAsync(rated, solved: true, satisfied: false);
            await cases.HandledAsync("community-640104001002", 5, 1, 30);
            var open = await cases.OpenAsync();
            await cases.ForwardAsync(open, "street-640105001");
            cases.Wait(25);
            before = (await silo.Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
            // Back to a database made before step 10.
            await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync(
                "DROP VIEW account_day_metrics_recomputed; DROP VIEW case_metric_facts; DROP TABLE account_day_metrics; DROP INDEX ix_cases_open_deadline;");
            await db.SchemaVersions.Where(v => v.Version == 10).ExecuteDeleteAsync();
        }

        await using var upgraded = await _database.StartSiloAsync(_clock);

        var after = (await upgraded.Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
        before.Count.ShouldBeGreaterThan(2);
        after.Keys.Order().ShouldBe(before.Keys.Order());
        foreach (var (key, counts) in before) after[key].ShouldBe(counts, key.ToString());
        var november = await upgraded.Get<MetricsService>().ForAccountAsync("district-640104", DayRange.Month(2026, 11), subtree: true);
        (november.Counts.Received, november.Counts.Closed, november.Counts.Rated, november.OverdueNow).ShouldBe((2L, 2L, 1L, 0L));
        (await upgraded.Get<MetricsService>().ForAccountAsync("street-640105001", DayRange.Month(2026, 11), false)).OverdueNow.ShouldBe(1);
    }
}

public sealed class SqliteMetricsMigrationTests() : MetricsMigrationTests(StorageKind.Sqlite);

public sealed class PostgresMetricsMigrationTests() : MetricsMigrationTests(StorageKind.PostgreSql);
