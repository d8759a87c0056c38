namespace CityMatrix.Silo.Seed;

/// <summary>
/// The category and topic names of docs/TOPICS.md, which account competence must use.
/// Kept in step by hand with that file and with scripts/seed/generate_matrix.py.
/// </summary>
public static class SeedVocabulary
{
    public static readonly IReadOnlyList<string> Categories =
        ["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生", "其他"];

    public static readonly IReadOnlyList<string> Topics =
    [
        "供暖", "供水", "供电", "燃气", "物业", "违章建筑", "市政设施", "排水", "园林绿化",
        "噪音", "环境卫生", "空气污染", "道路破损", "停车", "公共交通", "占道经营", "食品安全",
        "市场价格", "拖欠工资", "社会保障", "医疗卫生", "教育", "治安",
    ];

    private static readonly HashSet<string> Known = [.. Categories, .. Topics];

    public static bool IsKnown(string name) => Known.Contains(name);
}
