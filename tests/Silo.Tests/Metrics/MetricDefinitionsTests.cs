using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Metrics;

/// <summary>
/// Each rate of docs/METRICS.md on a small hand-made set of cases whose answers are worked out by hand,
/// driven through the real case grains and read back from the live counters.
/// </summary>
public sealed class MetricDefinitionsTests : IAsyncLifetime
{
    private const string Street = "street-640104001";
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

    private static readonly DayRange November = DayRange.Month(2026, 11);

    /// <summary>
    /// Nine cases for one street (first-response limit 4 h, deadline 24 h unless said):
    /// c1 accept 1 h, reply 2 h, close 10 h, rated solved + satisfied;
    /// c2 accept 5 h (late), reply 6 h (late), close 30 h (late), rated solved, not satisfied;
    /// c3 accept 1 h, reply 3 h, close 20 h, rated neither;
    /// c4 accepted at 2 h, never replied (open, overdue at the end);
    /// c5 never signed for (open, overdue at the end);
    /// c6 accept 1 h, reply 1 h, close 2 h, reopened a day later and closed again at 27 h (after its deadline);
    /// c7 merged into c5 (counts only as merged);
    /// c8 forwarded naming only its deadline (the first-response clock then comes from the SLA template), accept 1 h,
    /// reply 2 h, closed at 3 h, rated solved + satisfied;
    /// c9 accept 1 h, extension to 48 h approved at 10 h, reply 39 h, close 40 h (on time by the extension).
    /// </summary>
    private async Task<(string C4, string C5)> NineCasesAsync()
    {
        var c1 = await _cases.HandledAsync(Street, acceptAfter: 1, replyAfter: 1, closeAfter: 8);
        await _cases.RateAsync(c1, solved: true, satisfied: true);
        var c2 = await _cases.HandledAsync(Street, acceptAfter: 5, replyAfter: 1, closeAfter: 24);
        await _cases.RateAsync(c2, solved: true, satisfied: false);
        var c3 = await _cases.HandledAsync(Street, acceptAfter: 1, replyAfter: 2, closeAfter: 17);
        await _cases.RateAsync(c3, solved: false, satisfied: false);

        var c4 = await _cases.OpenAsync();
        await _cases.ForwardAsync(c4, Street);
        _cases.Wait(2);
        await _cases.AcceptAsync(c4, Street);

        var c5 = await _cases.OpenAsync();
        await _cases.ForwardAsync(c5, Street);

        var c6 = await _cases.HandledAsync(Street, acceptAfter: 1, replyAfter: 0, closeAfter: 1);
        _cases.Wait(22);
        await _cases.ReopenAsync(c6);
        await _cases.AcceptAsync(c6, Street);
        _cases.Wait(2);
        await _cases.ReplyAsync(c6, Street);
        _cases.Wait(1);
        await _cases.CloseAsync(c6, Street);

        var c7 = await _cases.OpenAsync(citizen: "citizen-2");
        await _cases.ForwardAsync(c7, Street);
        await _cases.MergeAsync(c7, c5);

        var c8 = await _cases.HandledAsync(Street, acceptAfter: 1, replyAfter: 1, closeAfter: 1, responseHours: null);
        await _cases.RateAsync(c8, solved: true, satisfied: true);

        var c9 = await _cases.OpenAsync();
        await _cases.ForwardAsync(c9, Street);
        _cases.Wait(1);
        await _cases.AcceptAsync(c9, Street);
        _cases.Wait(9);
        await _cases.ExtendAsync(c9, Street, untilHoursFromNow: 38);
        _cases.Wait(29);
        await _cases.ReplyAsync(c9, Street);
        _cases.Wait(1);
        await _cases.CloseAsync(c9, Street);

        _cases.Wait(48);
        return (c4, c5);
    }

    [Fact]
    public async Task Each_rate_has_the_hand_worked_answer()
    {
        await NineCasesAsync();

        var metrics = await _silo.Get<MetricsService>().ForAccountAsync(Street, November, subtree: false);

        var counts = metrics.Counts;
        counts.Received.ShouldBe(8);
        counts.Merged.ShouldBe(1);
        counts.Dispatched.ShouldBe(8);
        counts.ResponseDue.ShouldBe(8);
        counts.AcceptedInTime.ShouldBe(6);   // c1 c3 c4 c6 c8 c9; c2 late, c5 never
        counts.RespondedInTime.ShouldBe(4);  // c1 c3 c6 c8
        counts.Closed.ShouldBe(6);           // c1 c2 c3 c6 c8 c9
        counts.ClosedOnTime.ShouldBe(4);     // c1 c3 c8 c9
        counts.Open.ShouldBe(2);             // c4 c5
        counts.Rated.ShouldBe(4);
        counts.Solved.ShouldBe(3);
        counts.Satisfied.ShouldBe(2);
        counts.EverClosed.ShouldBe(6);
        counts.Reopened.ShouldBe(1);
        counts.Closures.ShouldBe(6);
        metrics.OverdueNow.ShouldBe(2);

        var rates = metrics.Rates;
        rates.AcceptedInTimeRate.ShouldBe(0.75);     // 6/8
        rates.ResponseRate.ShouldBe(0.5);            // 4/8
        rates.ClosureRate.ShouldBe(0.75);            // 6/8
        rates.OnTimeClosureRate.ShouldBe(0.5);       // 4/8
        rates.SolvedRate.ShouldBe(0.75);             // 3/4
        rates.SatisfactionRate.ShouldBe(0.5);        // 2/4
        rates.ReopenRate.ShouldBe(0.1667);           // 1/6
    }

    [Fact]
    public async Task Median_and_p90_time_to_close_interpolate_within_their_buckets()
    {
        await NineCasesAsync();

        var rates = (await _silo.Get<MetricsService>().ForAccountAsync(Street, November, subtree: false)).Rates;

        // Hours to close: 3 (c8), 10 (c1), 20 (c3), 27 (c6), 30 (c2), 40 (c9) in buckets (2,3] (8,12] (18,24] (24,36]×2 (36,48].
        // Median: rank 0.5·6 = 3 is reached in (18,24] holding 1 with 2 before: 18 + 6·(3−2)/1 = 24.
        // p90: rank 0.9·6 = 5.4 is reached in (36,48] holding 1 with 5 before: 36 + 12·(5.4−5)/1 = 40.8.
        rates.MedianHoursToClose.ShouldBe(24.0);
        rates.P90HoursToClose.ShouldBe(40.8);
    }

    [Fact]
    public async Task A_day_counts_the_cases_received_that_day_and_a_trend_counts_closures_on_the_day_they_happen()
    {
        var first = await _cases.HandledAsync(Street, acceptAfter: 1, replyAfter: 1, closeAfter: 30);
        var metrics = _silo.Get<MetricsService>();
        var openedOn = CityDay.Of(_clock.GetUtcNow().AddHours(-32));

        var day = await metrics.ForAccountAsync(Street, DayRange.Day(openedOn), subtree: false);
        var nextDay = await metrics.ForAccountAsync(Street, DayRange.Day(openedOn.AddDays(1)), subtree: false);
        var trend = await metrics.TrendAsync(new HashSet<string> { Street }, new DayRange(openedOn, openedOn.AddDays(2)));

        first.ShouldNotBeNull();
        day.Counts.Received.ShouldBe(1);
        day.Counts.Closed.ShouldBe(1);
        nextDay.Counts.Received.ShouldBe(0);
        trend.Select(p => (p.Received, p.Closed)).ShouldBe([(1L, 0L), (0L, 1L), (0L, 0L)]);
    }

    [Fact]
    public async Task A_case_counts_for_its_first_receiver_until_another_unit_signs_for_it()
    {
        const string other = "street-640104002";
        var returned = await _cases.OpenAsync();
        await _cases.ForwardAsync(returned, Street);
        await _cases.ReturnAsync(returned, Street);                 // wrong unit: the first receiver stays answerable
        await _cases.ForwardAsync(returned, other);
        var handedOver = await _cases.OpenAsync();
        await _cases.ForwardAsync(handedOver, Street);
        await _cases.ReturnAsync(handedOver, Street);
        await _cases.ForwardAsync(handedOver, other);
        await _cases.AcceptAsync(handedOver, other);                // signed for: now the other unit answers for it
        var triage = await _cases.OpenAsync();                      // still with the manager

        var metrics = _silo.Get<MetricsService>();
        (await metrics.ForAccountAsync(Street, November, false)).Counts.Received.ShouldBe(1);
        (await metrics.ForAccountAsync(other, November, false)).Counts.Received.ShouldBe(1);
        (await metrics.ForAccountAsync(CaseDriver.Manager, November, false)).Counts.Received.ShouldBe(1);
        triage.ShouldNotBeNull();
    }
}
