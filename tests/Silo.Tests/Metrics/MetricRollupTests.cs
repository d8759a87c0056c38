using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Metrics;

/// <summary>An account's figures rolled up over its subtree: both chains (parent and bureau), nothing from outside.</summary>
public sealed class MetricRollupTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private CaseDriver _cases = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(StorageKind.Sqlite);
        _silo = await _database.StartSiloAsync(_clock);
        _cases = new CaseDriver(_silo, _clock);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<AccountMetrics> ForAsync(string accountId, bool subtree) =>
        _silo.Get<MetricsService>().ForAccountAsync(accountId, DayRange.Month(2026, 11), subtree);

    [Fact]
    public async Task A_district_rolls_up_its_streets_communities_and_bureau_branches_and_nothing_else()
    {
        await _cases.HandledAsync("street-640104001", 1, 1, 1);
        await _cases.HandledAsync("community-640104001002", 1, 1, 30);         // closed after its 24 h deadline
        var open = await _cases.OpenAsync();
        await _cases.ForwardAsync(open, "branch-gongan-640104");                 // parent district-640104, bureau 公安局
        await _cases.HandledAsync("street-640105001", 1, 1, 1);                  // another district
        _cases.Wait(48);

        var district = await ForAsync("district-640104", subtree: true);
        var districtAlone = await ForAsync("district-640104", subtree: false);
        var street = await ForAsync("street-640104001", subtree: true);
        var streetAlone = await ForAsync("street-640104001", subtree: false);
        var bureau = await ForAsync("bureau-gongan", subtree: true);
        var city = await ForAsync("wzyc", subtree: true);

        (district.Counts.Received, district.Counts.Closed, district.Counts.ClosedOnTime, district.OverdueNow).ShouldBe((3L, 2L, 1L, 1L));
        districtAlone.Counts.Received.ShouldBe(0);
        districtAlone.Rates.ClosureRate.ShouldBeNull();
        (street.Counts.Received, streetAlone.Counts.Received).ShouldBe((2L, 1L));
        (bureau.Counts.Received, bureau.OverdueNow).ShouldBe((1L, 1L));
        (city.Counts.Received, city.Counts.Closed).ShouldBe((4L, 3L));
        district.Rates.ClosureRate.ShouldBe(0.6667);
        district.Rates.OnTimeClosureRate.ShouldBe(0.3333);
    }

    [Fact]
    public async Task Counters_survive_a_restart_and_match_a_recomputation_after_it()
    {
        await _cases.HandledAsync("street-640104001", 1, 1, 1);
        var reopened = await _cases.HandledAsync("street-640104001", 1, 1, 1);
        await using (var second = await _database.StartSiloAsync(_clock))
        {
            // A second silo (a fresh activation: the stored contribution is re-read) reopens and re-closes it.
            var driver = new CaseDriver(second, _clock);
            await driver.ReopenAsync(reopened);
            await driver.AcceptAsync(reopened, "street-640104001");
            await driver.ReplyAsync(reopened, "street-640104001");
            await driver.CloseAsync(reopened, "street-640104001");
        }

        var counters = (await _silo.Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
        var recomputed = await _silo.Get<MetricsRecomputation>().AllRowsAsync();

        counters.Keys.Order().ShouldBe(recomputed.Keys.Order());
        foreach (var (key, counts) in recomputed) counters[key].ShouldBe(counts);
        MetricCounts.Sum(counters.Where(r => CityDay.IsMonthKey(r.Key.Day)).Select(r => r.Value)).Reopened.ShouldBe(1);
    }
}
