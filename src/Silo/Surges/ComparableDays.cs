namespace CityMatrix.Silo.Surges;

/// <summary>
/// Which earlier days a day's count is compared with (docs/SURGES.md, "Alignment"):
/// <list type="bullet">
/// <item>season: in each of the <see cref="SurgeOptions.YearsBack"/> earlier years, the aligned day ± <see cref="SurgeOptions.WindowDays"/>.
/// For a seasonal topic on an in-season day the aligned day is the same day of that year's season (the first
/// heating day matches the first heating days, whatever their dates) and the window stays inside that season;
/// otherwise it is the same calendar date, and for a seasonal topic only off-season days count.</item>
/// <item>recent: the <see cref="SurgeOptions.RecentDays"/> days before, in the same phase (in or off season) as the day.</item>
/// </list>
/// Days before <c>observedSince</c> (when counting began) are unknown, not zero, and are left out.
/// </summary>
public static class ComparableDays
{
    public const string Season = "season";
    public const string Recent = "recent";

    public readonly record struct Comparable(DateOnly Day, string Kind, int YearsBack);

    public static IReadOnlyList<Comparable> For(string topic, DateOnly day, DateOnly observedSince, SurgeOptions options)
    {
        var season = options.Seasons.GetValueOrDefault(topic);
        var seasonYear = season?.SeasonYearOf(day);
        var result = new List<Comparable>();
        var seen = new HashSet<DateOnly>();
        void Add(DateOnly d, string kind, int yearsBack)
        {
            if (d >= observedSince && d < day && seen.Add(d)) result.Add(new Comparable(d, kind, yearsBack));
        }

        for (var back = 1; back <= options.YearsBack; back++)
        {
            if (season is not null && seasonYear is { } year)
            {
                var (first, _) = season.SeasonOf(year);
                var (earlierFirst, earlierLast) = season.SeasonOf(year - back);
                var aligned = earlierFirst.AddDays(day.DayNumber - first.DayNumber);
                for (var k = -options.WindowDays; k <= options.WindowDays; k++)
                {
                    var d = aligned.AddDays(k);
                    if (d >= earlierFirst && d <= earlierLast) Add(d, Season, back);
                }
            }
            else
            {
                var aligned = day.AddYears(-back);
                for (var k = -options.WindowDays; k <= options.WindowDays; k++)
                {
                    var d = aligned.AddDays(k);
                    if (season is null || season.SeasonYearOf(d) is null) Add(d, Season, back);
                }
            }
        }

        for (var k = 1; k <= options.RecentDays; k++)
        {
            var d = day.AddDays(-k);
            if (season is null || season.SeasonYearOf(d) == seasonYear) Add(d, Recent, 0);
        }
        return result;
    }
}
