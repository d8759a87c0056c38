namespace CityMatrix.Silo.Metrics;

/// <summary>
/// Days as the city counts them: calendar days in UTC+8 (Yinchuan), as search does. Counter rows key a day
/// as the integer yyyymmdd, so ranges compare as numbers in both databases, and a month's total as yyyymm00.
/// </summary>
public static class CityDay
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime + Offset);

    public static int Key(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    public static int KeyOf(DateTimeOffset at) => Key(Of(at));

    /// <summary>The key of the month row holding a day: yyyymm00.</summary>
    public static int MonthKey(int dayKey) => dayKey / 100 * 100;

    public static int MonthKey(int year, int month) => year * 10_000 + month * 100;

    public static bool IsMonthKey(int key) => key % 100 == 0;

    public static DateOnly FromKey(int key) => new(key / 10_000, key / 100 % 100, key % 100);

    /// <summary>The instant the day starts (00:00 in UTC+8).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static DateOnly Today(TimeProvider time) => Of(time.GetUtcNow());
}
