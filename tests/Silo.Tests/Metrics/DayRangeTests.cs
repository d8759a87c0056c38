using CityMatrix.Silo.Metrics;

namespace CityMatrix.Silo.Tests.Metrics;

public sealed class DayRangeTests
{
    [Fact]
    public void A_city_day_runs_from_midnight_in_utc_plus_8()
    {
        CityDay.Of(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 11, 30));
        CityDay.Of(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 12, 1));
        CityDay.KeyOf(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8))).ShouldBe(20261201);
        DayRange.Day(new DateOnly(2026, 12, 1)).Start.ShouldBe(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_week_runs_monday_to_sunday_and_a_month_before_a_month_is_the_whole_previous_month()
    {
        DayRange.Week(new DateOnly(2026, 11, 29)).ShouldBe(new DayRange(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29)));
        DayRange.Week(new DateOnly(2026, 11, 30)).ShouldBe(new DayRange(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)));
        DayRange.Month(2026, 3).Previous().ShouldBe(DayRange.Month(2026, 2));
        DayRange.Month(2026, 1).Previous().ShouldBe(DayRange.Month(2025, 12));
        new DayRange(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12)).Previous().ShouldBe(new DayRange(new DateOnly(2026, 11, 7), new DateOnly(2026, 11, 9)));
    }

    [Fact]
    public void A_range_reads_month_rows_for_whole_months_and_day_spans_inside_the_partial_ones()
    {
        var (months, days) = new DayRange(new DateOnly(2026, 10, 20), new DateOnly(2026, 12, 5)).CounterKeys();
        months.ShouldBe([20261100]);
        days.ShouldBe([(20261020, 20261031), (20261201, 20261205)]);

        var year = new DayRange(new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30)).CounterKeys();
        year.Months.Count.ShouldBe(12);
        year.Days.ShouldBeEmpty();
        var day = DayRange.Day(new DateOnly(2026, 11, 30)).CounterKeys();
        day.Months.ShouldBeEmpty();
        day.Days.ShouldBe([(20261130, 20261130)]);
    }
}
