using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Metrics;

/// <summary>Monthly rankings: order by the weighted score, weights from configuration, ties, movement since last month.</summary>
public sealed class RankingServiceTests : IAsyncLifetime
{
    private const string D1 = "district-640104", D2 = "district-640105", D3 = "district-640106";
    private const string S1 = "street-640104001", S2 = "street-640105001", S3 = "street-640106001";

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 10, 10, 1, 0, 0, TimeSpan.Zero));
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

    /// <summary>A case for <paramref name="unit"/> replied after <paramref name="replyAfter"/> h (limit 4 h), closed, rated.</summary>
    private async Task RatedAsync(string unit, double replyAfter, bool solved, bool satisfied)
    {
        var id = await _cases.HandledAsync(unit, acceptAfter: 0.5, replyAfter: replyAfter, closeAfter: 1);
        await _cases.RateAsync(id, solved, satisfied);
    }

    /// <summary>
    /// October: D2 perfect (score 100), D1 late reply, solved, not satisfied (0.2·0 + 0.4·1 + 0.4·0 = 40), D3 nothing.
    /// November: D1 perfect (100); D2 in time, one of two solved and satisfied (0.2 + 0.2 + 0.2 = 60); D3 late, both solved and satisfied (80).
    /// </summary>
    private async Task TwoMonthsAsync()
    {
        await RatedAsync(S2, 1, true, true);
        await RatedAsync(S1, 5, true, false);
        _clock.Advance(TimeSpan.FromDays(30));
        await RatedAsync(S1, 1, true, true);
        await RatedAsync(S1, 1, true, true);
        await RatedAsync(S2, 1, true, true);
        await RatedAsync(S2, 1, false, false);
        await RatedAsync(S3, 5, true, true);
        await RatedAsync(S3, 5, true, true);
    }

    [Fact]
    public async Task Districts_rank_by_the_weighted_score_with_their_movement_since_last_month()
    {
        await TwoMonthsAsync();

        var ranking = await _silo.Get<RankingService>().RankAsync(RankingKind.District, 2026, 11);

        ranking.Weights.ShouldBe([new("responseRate", 0.2), new("satisfactionRate", 0.4), new("solvedRate", 0.4)]);
        ranking.Rows.Count.ShouldBe(6);
        ranking.Rows.Take(3).Select(r => (r.AccountId, r.Rank, r.Score, r.PreviousRank, r.Movement)).ShouldBe(
        [
            (D1, (int?)1, (double?)100, (int?)2, (int?)1),
            (D3, 2, 80, null, null),
            (D2, 3, 60, 1, -2),
        ]);
        ranking.Rows.Skip(3).ShouldAllBe(r => r.Rank == null && r.Score == null && r.Counts.Received == 0);
        ranking.Rows[2].Rates.SolvedRate.ShouldBe(0.5);
        ranking.Rows[1].Rates.ResponseRate.ShouldBe(0);
    }

    [Fact]
    public async Task Streets_rank_within_their_kind_and_october_has_its_own_order()
    {
        await TwoMonthsAsync();
        var rankings = _silo.Get<RankingService>();

        var streets = await rankings.RankAsync(RankingKind.Street, 2026, 11);
        var october = await rankings.RankAsync(RankingKind.District, 2026, 10);

        streets.Rows.Count.ShouldBe(62);
        streets.Rows.Take(3).Select(r => r.AccountId).ShouldBe([S1, S3, S2]);
        october.Rows.Take(2).Select(r => (r.AccountId, r.Rank, r.Score)).ShouldBe([(D2, (int?)1, (double?)100), (D1, 2, 40)]);
        october.Rows[2].Rank.ShouldBeNull();
    }

    [Fact]
    public async Task Configured_weights_change_the_order_and_equal_scores_share_a_rank()
    {
        await TwoMonthsAsync();
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Rankings:Weights:responseRate"] = "1",
            ["Rankings:Weights:solvedRate"] = "0",
            ["Rankings:Weights:satisfactionRate"] = "0",
        };
        await using var responseOnly = await SiloHost.StartAsync(settings, _clock);

        var ranking = await responseOnly.Get<RankingService>().RankAsync(RankingKind.District, 2026, 11);

        ranking.Weights.ShouldBe([new("responseRate", 1.0)]);
        // D1 and D2 replied in time to every case: 100 each, sharing rank 1 (listed by id); D3 never did: rank 3, not 2.
        ranking.Rows.Take(3).Select(r => (r.AccountId, r.Rank, r.Score)).ShouldBe([(D1, (int?)1, (double?)100), (D2, 1, 100), (D3, 3, 0)]);
    }
}
