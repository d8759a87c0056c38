using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Sla;

/// <summary>Working time in Yinchuan days (UTC+8): adds working hours to an instant and measures working time between two.</summary>
public sealed class WorkingCalendar
{
    public static readonly TimeSpan Yinchuan = TimeSpan.FromHours(8);

    /// <summary>More than any deadline can span; guards the day walk against a calendar with no working day at all.</summary>
    private const int MaxDays = 3 * 366;

    private readonly HashSet<DayOfWeek> _restDays;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    public WorkingCalendar(IOptions<SlaOptions> options)
        : this(options.Value.Calendar)
    {
    }

    public WorkingCalendar(WorkingCalendarOptions calendar)
    {
        _restDays = [.. calendar.RestDays ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
        _holidays = [.. calendar.Holidays];
        _workdays = [.. calendar.Workdays];
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new(new WorkingCalendarOptions());

    public bool IsWorkingDay(DateOnly day) => _workdays.Contains(day) || (!_holidays.Contains(day) && !_restDays.Contains(day.DayOfWeek));

    /// <summary>The instant <paramref name="workingTime"/> of working time after <paramref name="start"/> (time on rest days does not count).</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan workingTime)
    {
        var at = start.ToOffset(Yinchuan);
        var remaining = workingTime;
        for (var days = 0; days < MaxDays; days++)
        {
            var dayEnd = StartOfNextDay(at);
            if (IsWorkingDay(DateOnly.FromDateTime(at.DateTime)))
            {
                var available = dayEnd - at;
                if (remaining <= available) return (at + remaining).ToOffset(start.Offset);
                remaining -= available;
            }
            at = dayEnd;
        }
        throw new InvalidOperationException("The working calendar has no working day within three years.");
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        var at = from.ToOffset(Yinchuan);
        for (var days = 0; at < to && days < MaxDays; days++)
        {
            var dayEnd = StartOfNextDay(at);
            var end = dayEnd < to ? dayEnd : to.ToOffset(Yinchuan);
            if (IsWorkingDay(DateOnly.FromDateTime(at.DateTime))) total += end - at;
            at = dayEnd;
        }
        return total;
    }

    private static DateTimeOffset StartOfNextDay(DateTimeOffset local) => new DateTimeOffset(local.Date, Yinchuan).AddDays(1);
}
