using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// How urgent a complaint is, from words that mean danger to life, a utility outage, or vulnerable
/// people, and from how angry the writer is. Danger words decide on their own: a calm report of a gas
/// leak is still life-threatening.
/// </summary>
public static class UrgencyRules
{
    private static readonly string[] LifeThreatening =
        ["着火", "起火", "失火", "火灾", "漏气", "燃气泄漏", "煤气泄漏", "天然气泄漏", "救命", "触电", "坍塌", "塌了", "爆炸", "溺水", "晕倒", "昏迷", "煤气中毒", "一氧化碳"];

    private static readonly string[] Outage =
        ["停水", "停电", "断电", "断水", "停暖", "停气", "没有暖气", "暖气不热", "没水", "没电", "水管爆", "爆管", "漏水严重"];

    private static readonly string[] Vulnerable = ["老人", "孩子", "婴儿", "孕妇", "残疾", "瘫痪", "病人", "独居"];

    public const float AngerThreshold = 0.8f;

    public static CaseUrgency Assess(string text, float anger)
    {
        if (LifeThreatening.Any(text.Contains)) return CaseUrgency.Critical;
        if (Outage.Any(text.Contains) || Vulnerable.Any(text.Contains) || anger >= AngerThreshold) return CaseUrgency.Urgent;
        return CaseUrgency.Normal;
    }
}
