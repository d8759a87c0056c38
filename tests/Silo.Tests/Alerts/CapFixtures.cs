using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Alerts;

/// <summary>The hand-written CAP samples under tests/Silo.Tests/Fixtures/cap, and small alerts built in code.</summary>
public static class CapFixtures
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(TestPostgres.RepositoryRoot(), "tests", "Silo.Tests", "Fixtures", "cap", relativePath));

    public static IEnumerable<object[]> Valid() =>
        Directory.GetFiles(Path.Combine(TestPostgres.RepositoryRoot(), "tests", "Silo.Tests", "Fixtures", "cap", "valid"), "*.xml")
            .Select(f => new object[] { "valid/" + Path.GetFileName(f) });

    public static CapAlert Parse(string xml)
    {
        var faults = new CapFaults();
        var alert = CapXmlReader.Read(xml, faults);
        faults.IsEmpty.ShouldBeTrue(faults.ToString());
        return alert!;
    }

    /// <summary>A valid public alert for Yinchuan with one area.</summary>
    public static CapAlert Alert(string identifier, CapArea area, string sender = "district-640104", string status = "Actual",
        string msgType = "Alert", string? references = null, DateTimeOffset? sent = null, TimeSpan? lifetime = null)
    {
        var at = sent ?? new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.FromHours(8));
        return new CapAlert
        {
            Identifier = identifier, Sender = sender, Sent = CapTime.Format(at), Status = status, MsgType = msgType,
            Scope = "Public", References = references,
            Info =
            [
                new CapInfo
                {
                    Language = "zh-CN", Category = ["Safety"], Event = "测试", Urgency = "Immediate", Severity = "Severe",
                    Certainty = "Observed", Headline = "测试预警", Expires = CapTime.Format(at + (lifetime ?? TimeSpan.FromHours(6))), Area = [area],
                },
            ],
        };
    }

    public static CapArea Polygon(string desc, params (double Lat, double Lon)[] corners) => new()
    {
        AreaDesc = desc,
        Polygon = [string.Join(' ', corners.Append(corners[0]).Select(c => FormattableString.Invariant($"{c.Lat},{c.Lon}")))],
    };

    public static CapArea Circle(string desc, double lat, double lon, double radiusKm) => new()
    {
        AreaDesc = desc, Circle = [FormattableString.Invariant($"{lat},{lon} {radiusKm}")],
    };

    public static CapArea Region(string desc, string code) => new()
    {
        AreaDesc = desc, Geocode = [new CapValuePair { ValueName = "GB/T 2260", Value = code }],
    };
}
