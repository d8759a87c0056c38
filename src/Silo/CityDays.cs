namespace CityMatrix.Silo;

/// <summary>
/// Days as the city lives them: Yinchuan keeps China Standard Time (UTC+8, no daylight saving since 1991),
/// so a fixed offset is exact and needs no time-zone database. Counts, surges and reports are per city day.
/// </summary>
public static class CityDays
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    public static int HourOf(DateTimeOffset at) => at.ToOffset(Offset).Hour;

    /// <summary>00:00 of the day in the city (as an instant).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());
}
