using System.Globalization;

namespace CityMatrix.Api.Tests.Alerts;

/// <summary>Alerts in the JSON form of the CAP fields, sent now (Beijing time) and in force for an hour.</summary>
public static class AlertJson
{
    public static string Now(TimeSpan? shift = null) =>
        (DateTimeOffset.UtcNow + (shift ?? TimeSpan.Zero)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static object Circle(string identifier, double lat, double lon, double radiusKm, string sender = "district-640104",
        string status = "Actual", string msgType = "Alert", string? references = null, string? sent = null) => new
    {
        identifier, sender, sent = sent ?? Now(), status, msgType, scope = "Public", references,
        info = new[]
        {
            new
            {
                language = "zh-CN", category = new[] { "Geo" }, @event = "地震", urgency = "Immediate", severity = "红", certainty = "Observed",
                expires = Now(TimeSpan.FromHours(1)), headline = "M4.0 地震",
                area = new[] { new { areaDesc = "震中周边", circle = new[] { FormattableString.Invariant($"{lat},{lon} {radiusKm}") } } },
            },
        },
    };
}
