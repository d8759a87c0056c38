using System.Collections.Concurrent;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Surges;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Surges;

/// <summary>Surge judgement over real counts: 28 quiet days of noise complaints, then a loud one (SQLite and PostgreSQL).</summary>
public abstract class SurgeEvaluatorTests(StorageKind kind) : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    private static readonly DateOnly LoudDay = new(2025, 6, 29);
    private static readonly SurgeKey JinfengNoise = new("噪音", "640106", LoudDay);
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private int _citizen;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await _database.StartSiloAsync(_time);
        for (var day = 0; day < 28; day++)
        {
            await OpenNoiseAsync("street-640106001");
            await OpenNoiseAsync("street-640106002");
            _time.Advance(TimeSpan.FromDays(1));
        }
        await _silo.Get<SurgeMonitor>().FlushAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task OpenNoiseAsync(string unit)
    {
        var service = _silo.Get<CaseService>();
        var opened = await service.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", $"citizen-{Interlocked.Increment(ref _citizen)}",
            "金凤区广场舞噪音扰民", "环境保护", "噪音", "640106001002", CaseUrgency.Normal));
        await service.ExecuteAsync(opened.Id, new ForwardCase(CaseActor.System("wzyc"), unit, _time.GetUtcNow().AddDays(7), "属地"));
    }

    [Fact]
    public async Task A_day_far_above_four_quiet_weeks_fires_once_it_reaches_the_minimum_count_and_names_the_busiest_units()
    {
        var monitor = _silo.Get<SurgeMonitor>();
        for (var i = 0; i < 9; i++) await OpenNoiseAsync(i < 6 ? "street-640106002" : "street-640106001");
        (await monitor.FlushAsync()).ShouldBeEmpty();

        await OpenNoiseAsync("street-640106001");
        var fired = await monitor.FlushAsync();

        fired.Select(a => a.RegionCode).ShouldBe([SurgeRegions.City, "640106"], ignoreOrder: true);
        var alert = fired.Single(a => a.RegionCode == "640106");
        alert.Count.ShouldBe(10);
        alert.Day.ShouldBe(LoudDay);
        alert.Rule.ShouldBe("max+z");
        alert.BaselineMax.ShouldBe(2);
        alert.Baseline.Count.ShouldBe(28);
        alert.Baseline.ShouldAllBe(b => b.Kind == ComparableDays.Recent && b.Count == 2);
        alert.Units.ShouldBe([new SummonedUnit("street-640106002", alert.Units[0].DisplayName, 6), new SummonedUnit("street-640106001", alert.Units[1].DisplayName, 4)]);
        (await _silo.Get<SurgeAlertStore>().ListAsync(LoudDay, LoudDay, "噪音", "640106")).Single().Units.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Two_processes_judging_the_same_surge_store_it_once_and_only_one_publishes_it()
    {
        for (var i = 0; i < 12; i++) await OpenNoiseAsync("street-640106001");
        await using var second = await _database.StartSiloAsync(_time);
        var published = new ConcurrentBag<LiveEvent>();
        _silo.Get<LocalLiveEventPublisher>().Published += published.Add;
        second.Get<LocalLiveEventPublisher>().Published += published.Add;

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _silo : second).Get<SurgeEvaluator>().EvaluateAsync(JinfengNoise))));

        results.Count(r => r is not null).ShouldBe(1);
        published.Count.ShouldBe(1);
        published.Single().Type.ShouldBe(LiveEventTypes.Surge);
        published.Single().AccountIds.ShouldContain("district-640106");
        (await _silo.Get<SurgeAlertStore>().ListAsync(LoudDay, LoudDay, "噪音", null)).Select(a => a.RegionCode).ShouldBe(["640106"]);
        (await second.Get<SurgeEvaluator>().EvaluateAsync(JinfengNoise)).ShouldBeNull();
    }

    [Fact]
    public async Task Cases_in_another_district_make_a_surge_there_and_city_wide_but_not_here()
    {
        var service = _silo.Get<CaseService>();
        for (var i = 0; i < 15; i++)
            await service.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", $"other-{i}", "兴庆区广场舞噪音", "环境保护", "噪音", "640104001002", CaseUrgency.Normal));

        var fired = await _silo.Get<SurgeMonitor>().FlushAsync();

        // 兴庆区 had no noise cases and the city two a day: both surge; 金凤区 does not.
        fired.Select(a => (a.Topic, a.RegionCode)).ShouldBe([("噪音", "640104"), ("噪音", SurgeRegions.City)], ignoreOrder: true);
        (await _silo.Get<SurgeEvaluator>().EvaluateAsync(JinfengNoise)).ShouldBeNull();
    }
}

public sealed class SurgeEvaluatorTests_on_Sqlite() : SurgeEvaluatorTests(StorageKind.Sqlite);

public sealed class SurgeEvaluatorTests_on_PostgreSql() : SurgeEvaluatorTests(StorageKind.PostgreSql);
