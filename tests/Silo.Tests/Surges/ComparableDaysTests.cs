using CityMatrix.Silo.Surges;

namespace CityMatrix.Silo.Tests.Surges;

public sealed class ComparableDaysTests
{
    private static readonly DateOnly LongAgo = new(2000, 1, 1);

    private static SurgeOptions HeatingStartedEarlyIn2023() => new()
    {
        Seasons = { ["供暖"] = new SeasonOptions { DefaultStart = "11-01", End = "03-31", Starts = [new DateOnly(2023, 10, 27)] } },
    };

    [Fact]
    public void The_first_heating_day_is_compared_with_the_first_heating_days_of_earlier_seasons_even_one_that_started_early()
    {
        var days = ComparableDays.For("供暖", new DateOnly(2025, 11, 1), LongAgo, HeatingStartedEarlyIn2023());

        days.Where(d => d.YearsBack == 2).Select(d => d.Day).ShouldBe(
            [new DateOnly(2023, 10, 27), new DateOnly(2023, 10, 28), new DateOnly(2023, 10, 29), new DateOnly(2023, 10, 30)]);
        days.Where(d => d.YearsBack == 1).Select(d => d.Day).ShouldBe(
            [new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 2), new DateOnly(2024, 11, 3), new DateOnly(2024, 11, 4)]);
        days.ShouldAllBe(d => d.Kind == ComparableDays.Season);
    }

    [Fact]
    public void Mid_season_the_window_is_centred_on_the_same_season_day_and_the_recent_days_are_this_seasons()
    {
        var day = new DateOnly(2025, 11, 10);

        var days = ComparableDays.For("供暖", day, LongAgo, HeatingStartedEarlyIn2023());

        days.Where(d => d.YearsBack == 2).Select(d => d.Day).ShouldBe(Enumerable.Range(0, 7).Select(i => new DateOnly(2023, 11, 2).AddDays(i)));
        days.Where(d => d.Kind == ComparableDays.Recent).Select(d => d.Day).Order()
            .ShouldBe(Enumerable.Range(1, 9).Select(i => new DateOnly(2025, 11, 1).AddDays(i - 1)));
    }

    [Fact]
    public void An_off_season_heating_day_leaves_out_heating_days()
    {
        var days = ComparableDays.For("供暖", new DateOnly(2025, 4, 2), LongAgo, new SurgeOptions());

        days.ShouldNotContain(d => d.Day.Month == 3);
        days.Count(d => d.Kind == ComparableDays.Recent).ShouldBe(1); // 1 April only
    }

    [Fact]
    public void Other_topics_use_the_same_calendar_date_and_the_last_four_weeks()
    {
        var day = new DateOnly(2025, 7, 15);

        var days = ComparableDays.For("噪音", day, LongAgo, new SurgeOptions());

        days.Count.ShouldBe(3 * 7 + 28);
        days.Where(d => d.YearsBack == 3).Select(d => d.Day).ShouldBe(Enumerable.Range(12, 7).Select(d => new DateOnly(2022, 7, d)));
        days.Where(d => d.Kind == ComparableDays.Recent).Min(d => d.Day).ShouldBe(day.AddDays(-28));
    }

    [Fact]
    public void Days_before_counting_began_are_unknown_and_left_out()
    {
        var days = ComparableDays.For("噪音", new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 1), new SurgeOptions());

        days.Select(d => d.Day).ShouldBe(Enumerable.Range(1, 14).Select(d => new DateOnly(2025, 7, d)), ignoreOrder: true);
    }
}
