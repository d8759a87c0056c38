using System.Globalization;

namespace CityMatrix.Silo.Surges;

/// <summary>A topic's season: when it usually starts and ends ("MM-dd"), and the real first days of seasons that started otherwise.</summary>
public sealed class SeasonOptions
{
    /// <summary>The usual first day, "MM-dd".</summary>
    public string DefaultStart { get; set; } = "11-01";

    /// <summary>The last day, "MM-dd" (in the next year when before the start).</summary>
    public string End { get; set; } = "03-31";

    /// <summary>Actual first days (e.g. heating started early in a cold autumn). Each replaces the default start of its season.</summary>
    public List<DateOnly> Starts { get; set; } = [];

    /// <summary>How far from the usual start a listed first day may be and still belong to that season.</summary>
    public const int StartTolerance = 60;

    /// <summary>The season that starts in <paramref name="year"/>: first and last day.</summary>
    public (DateOnly First, DateOnly Last) SeasonOf(int year)
    {
        var usual = MonthDay(DefaultStart, year);
        var first = Starts.Where(s => Math.Abs(s.DayNumber - usual.DayNumber) <= StartTolerance)
            .OrderBy(s => Math.Abs(s.DayNumber - usual.DayNumber)).Cast<DateOnly?>().FirstOrDefault() ?? usual;
        var end = MonthDay(End, year);
        if (end < usual) end = MonthDay(End, year + 1);
        return (first, end);
    }

    /// <summary>The season <paramref name="day"/> lies in (by the year it started), or null off-season.</summary>
    public int? SeasonYearOf(DateOnly day)
    {
        foreach (var year in new[] { day.Year, day.Year - 1 })
        {
            var (first, last) = SeasonOf(year);
            if (day >= first && day <= last) return year;
        }
        return null;
    }

    private static DateOnly MonthDay(string monthDay, int year)
    {
        var parsed = DateOnly.ParseExact($"2000-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        // 29 February falls back to the 28th in years without it.
        return new DateOnly(year, parsed.Month, Math.Min(parsed.Day, DateTime.DaysInMonth(year, parsed.Month)));
    }
}
