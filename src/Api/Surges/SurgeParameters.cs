using System.Globalization;
using CityMatrix.Silo;
using CityMatrix.Silo.Seed;
using CityMatrix.Silo.Surges;

namespace CityMatrix.Api.Surges;

/// <summary>Query parameters shared by /api/surges, /api/hotspots and the reports; every bad value is a 400 naming it.</summary>
public static class SurgeParameters
{
    public const int MaxTopicLength = 32;

    /// <summary>A city day, yyyy-MM-dd; <paramref name="fallback"/> when absent.</summary>
    public static DateOnly Day(string? value, string field, DateOnly fallback)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new SurgeQueryException(field, $"{field} must be a date like 2026-11-01 (a day in Beijing time).");
    }

    public static string? Topic(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var topic = value.Trim();
        return topic.Length <= MaxTopicLength ? topic : throw new SurgeQueryException("topic", $"topic is at most {MaxTopicLength} characters.");
    }

    /// <summary>6401 (the whole city) or a district code of Yinchuan; null when absent.</summary>
    public static string? Region(string? value, RegionDirectory regions)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var code = value.Trim();
        if (code == SurgeRegions.City) return code;
        if (SurgeRegions.IsDistrict(code) && regions.TryGet(code, out var region) && region.Level == RegionLevel.District) return code;
        throw new SurgeQueryException("region", "region is 6401 (the whole city) or a district code such as 640104; counts are kept per district.");
    }

    public static DateOnly Today(TimeProvider time) => CityDays.Today(time);
}
