using System.Globalization;
using CityMatrix.Silo;
using CityMatrix.Silo.Metrics;

namespace CityMatrix.Api.Metrics;

/// <summary>
/// Reads the metric endpoints' query strings; every bad value is a 400 naming its parameter. A range is
/// from/to (yyyy-MM-dd, both days included, days in UTC+8) or period=day|week|month with date= (default
/// today; a week runs Monday to Sunday).
/// </summary>
public static class MetricsParameters
{
    /// <summary>About ten years: enough for any report, bounded so a typo cannot ask for a millennium.</summary>
    public const int MaxDays = 3_700;

    public static DayRange Range(IQueryCollection query, DateOnly today, Func<DateOnly, DayRange> fallback, int maxDays = MaxDays)
    {
        var from = Date(query, "from");
        var to = Date(query, "to");
        var period = Text(query, "period");
        DayRange range;
        if (period is not null)
        {
            if (from is not null || to is not null) throw Invalid("period", "Give either from/to or period with date, not both.");
            var date = Date(query, "date") ?? today;
            range = period switch
            {
                "day" => DayRange.Day(date),
                "week" => DayRange.Week(date),
                "month" => DayRange.Month(date),
                _ => throw Invalid("period", $"period must be day, week or month, not '{period}'."),
            };
        }
        else if (from is null && to is null)
        {
            if (Date(query, "date") is not null) throw Invalid("period", "date needs period=day|week|month.");
            range = fallback(today);
        }
        else
        {
            if (from is null) throw Invalid("from", "from is required when to is given.");
            range = new DayRange(from.Value, to ?? today);
            if (range.To < range.From) throw Invalid("to", "to must not be before from.");
        }
        if (range.Days > maxDays) throw Invalid(period is null ? "to" : "period", $"A range is at most {maxDays} days.");
        return range;
    }

    /// <summary>month=yyyy-MM, by default the current month.</summary>
    public static (int Year, int Month) Month(IQueryCollection query, DateOnly today)
    {
        if (Text(query, "month") is not { } value) return (today.Year, today.Month);
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return (first.Year, first.Month);
        throw Invalid("month", "month must be yyyy-MM, e.g. 2026-11.");
    }

    public static RankingKind Kind(IQueryCollection query) => Text(query, "kind") switch
    {
        null => throw Invalid("kind", "kind is required: district, street or bureau."),
        "district" => RankingKind.District,
        "street" => RankingKind.Street,
        "bureau" => RankingKind.Bureau,
        var other => throw Invalid("kind", $"kind must be district, street or bureau, not '{other}'."),
    };

    public static BreakdownDimension By(IQueryCollection query) => Text(query, "by") switch
    {
        null => throw Invalid("by", "by is required: district, topic or category."),
        "district" => BreakdownDimension.District,
        "topic" => BreakdownDimension.Topic,
        "category" => BreakdownDimension.Category,
        var other => throw Invalid("by", $"by must be district, topic or category, not '{other}'."),
    };

    public static bool Flag(IQueryCollection query, string name, bool fallback) => Text(query, name) switch
    {
        null => fallback,
        "true" or "1" => true,
        "false" or "0" => false,
        var other => throw Invalid(name, $"{name} must be true or false, not '{other}'."),
    };

    public static string? Text(IQueryCollection query, string name) =>
        string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();

    private static DateOnly? Date(IQueryCollection query, string name)
    {
        if (Text(query, name) is not { } value) return null;
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw Invalid(name, $"{name} must be a date like 2026-11-30.");
    }

    private static MetricsRequestException Invalid(string field, string message) => new(DomainError.Invalid, message, field);
}
