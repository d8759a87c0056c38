using CityMatrix.Silo.Sla;

namespace CityMatrix.Silo.Tests.Sla;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Yinchuan = TimeSpan.FromHours(8);

    /// <summary>The State Council's 2026 National Day notice: 1–7 October off, Saturday 10 October worked (调休).</summary>
    private static readonly WorkingCalendar China2026 = new(new WorkingCalendarOptions
    {
        Holidays = [.. Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d))],
        Workdays = [new DateOnly(2026, 9, 20), new DateOnly(2026, 10, 10)],
    });

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Yinchuan);

    [Fact]
    public void Working_hours_skip_the_weekend()
    {
        // Friday 20 November 17:00 + 24 working hours: 7 on Friday, then Monday until 17:00.
        WorkingCalendar.WeekendsOnly.Add(Local(11, 20, 17), TimeSpan.FromHours(24)).ShouldBe(Local(11, 23, 17));
    }

    [Fact]
    public void Working_hours_on_a_working_day_are_plain_hours()
    {
        WorkingCalendar.WeekendsOnly.Add(Local(11, 17, 9), TimeSpan.FromHours(4)).ShouldBe(Local(11, 17, 13));
        WorkingCalendar.WeekendsOnly.Between(Local(11, 17, 9), Local(11, 17, 13)).ShouldBe(TimeSpan.FromHours(4));
    }

    [Fact]
    public void A_clock_started_on_a_rest_day_starts_counting_on_the_next_working_day()
    {
        WorkingCalendar.WeekendsOnly.Add(Local(11, 21, 10), TimeSpan.FromHours(2)).ShouldBe(Local(11, 23, 2));
        WorkingCalendar.WeekendsOnly.Between(Local(11, 21, 10), Local(11, 23, 2)).ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Public_holidays_do_not_count_and_make_up_working_days_do()
    {
        // Wednesday 30 September 12:00 + 24 working hours: 12 on the 30th, 1–7 October off, Thursday 8 October until 12:00.
        China2026.Add(Local(9, 30, 12), TimeSpan.FromHours(24)).ShouldBe(Local(10, 8, 12));
        China2026.IsWorkingDay(new DateOnly(2026, 10, 10)).ShouldBeTrue();
        China2026.IsWorkingDay(new DateOnly(2026, 10, 11)).ShouldBeFalse();
        // Friday 9 October 12:00 + 40 working hours: 12 on the 9th, all of Saturday the 10th (调休), Monday the 12th until 04:00.
        China2026.Add(Local(10, 9, 12), TimeSpan.FromHours(40)).ShouldBe(Local(10, 12, 4));
    }

    [Fact]
    public void Working_time_between_two_instants_is_the_inverse_of_adding_it()
    {
        var start = Local(9, 28, 15, 30);
        foreach (var hours in new[] { 0.5, 8, 24, 50, 7 * 24 })
        {
            var end = China2026.Add(start, TimeSpan.FromHours(hours));
            China2026.Between(start, end).ShouldBe(TimeSpan.FromHours(hours));
        }
    }
}
