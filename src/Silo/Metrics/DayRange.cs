namespace CityMatrix.Silo.Metrics;

/// <summary>An inclusive range of city days (<see cref="CityDay"/>).</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    public int FromKey => CityDay.Key(From);

    public int ToKey => CityDay.Key(To);

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The first instant of the range.</summary>
    public DateTimeOffset Start => CityDay.StartOf(From);

    /// <summary>The first instant after the range.</summary>
    public DateTimeOffset End => CityDay.StartOf(To.AddDays(1));

    /// <summary>
    /// The range as counter keys: the months it covers whole (their month rows) and the days of the partial
    /// months at either end, one span each (at most two). A year is twelve month keys; a week is one or two spans.
    /// </summary>
    public (IReadOnlyList<int> Months, IReadOnlyList<(int From, int To)> Days) CounterKeys()
    {
        var months = new List<int>();
        var days = new List<(int, int)>();
        var day = From;
        while (day <= To)
        {
            var monthEnd = new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
            var end = monthEnd <= To ? monthEnd : To;
            // A span never leaves its month, so it can never take in a month row (yyyymm00) by accident.
            if (day.Day == 1 && end == monthEnd) months.Add(CityDay.MonthKey(day.Year, day.Month));
            else days.Add((CityDay.Key(day), CityDay.Key(end)));
            day = end.AddDays(1);
        }
        return (months, days);
    }

    public IEnumerable<DateOnly> EachDay()
    {
        for (var day = From; day <= To; day = day.AddDays(1)) yield return day;
    }

    public static DayRange Day(DateOnly day) => new(day, day);

    /// <summary>The ISO week (Monday to Sunday) holding <paramref name="day"/>.</summary>
    public static DayRange Week(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new DayRange(monday, monday.AddDays(6));
    }

    public static DayRange Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new DayRange(first, first.AddMonths(1).AddDays(-1));
    }

    public static DayRange Month(DateOnly day) => Month(day.Year, day.Month);

    /// <summary>The same kind of range just before this one (a month before a month, else as many days).</summary>
    public DayRange Previous()
    {
        if (From.Day == 1 && To == From.AddMonths(1).AddDays(-1))
        {
            var month = From.AddMonths(-1);
            return Month(month.Year, month.Month);
        }
        return new DayRange(From.AddDays(-Days), From.AddDays(-1));
    }

    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
