using System.Collections.Frozen;

namespace CityMatrix.Silo.Alerts.Cap;

/// <summary>
/// China's four warning colours (GB/T 35965.1-2018 and the CMA signals) onto CAP severity:
/// 红 red → Extreme, 橙 orange → Severe, 黄 yellow → Moderate (as in CMA's own CAP samples), 蓝 blue → Minor.
/// A sender may give the colour in place of the severity; the stored alert carries the CAP value, so it
/// stays valid CAP for every other consumer.
/// </summary>
public static class ChineseWarningLevels
{
    private static readonly FrozenDictionary<string, string> SeverityByColour = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["红"] = "Extreme", ["红色"] = "Extreme", ["红色预警"] = "Extreme", ["Red"] = "Extreme",
        ["橙"] = "Severe", ["橙色"] = "Severe", ["橙色预警"] = "Severe", ["Orange"] = "Severe",
        ["黄"] = "Moderate", ["黄色"] = "Moderate", ["黄色预警"] = "Moderate", ["Yellow"] = "Moderate",
        ["蓝"] = "Minor", ["蓝色"] = "Minor", ["蓝色预警"] = "Minor", ["Blue"] = "Minor",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? SeverityOf(string? colour) =>
        colour is not null && SeverityByColour.TryGetValue(colour.Trim(), out var severity) ? severity : null;

    /// <summary>Replaces colour words in severity with the CAP value; leaves everything else to the validator.</summary>
    public static void Normalise(CapAlert alert)
    {
        foreach (var info in alert.Info)
        {
            if (SeverityOf(info.Severity) is { } severity) info.Severity = severity;
        }
    }
}
