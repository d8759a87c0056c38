using System.Text.RegularExpressions;

namespace CityMatrix.Nlp.Categories;

/// <summary>
/// The department an official reply names ("市住建局及时将您反映的问题交由…", "区人社局", "市卫健委") → the
/// category it handles. Only department-shaped mentions count (a known stem directly followed by 局/委/厅/部门/中心/支队/大队…), so
/// "交通" in "交通安全" or "教育" in "加强教育" do not vote. The first department named wins ties, since
/// replies name the handling department first and mention others later.
/// </summary>
public static class ReplyDepartments
{
    private static readonly (string Category, string[] Stems)[] Stems =
    [
        ("城乡建设", ["住建", "住房和城乡建设", "住房城乡建设", "住房保障", "住房", "房产", "房管", "不动产", "城管", "城市管理", "规划", "自然资源和规划", "市政", "园林", "水务", "供水", "供电", "燃气", "热力", "建设"]),
        ("环境保护", ["环保", "生态环境", "环境保护", "环境监测"]),
        ("交通运输", ["交通运输", "交通", "交警", "公安交通管理", "公交", "运管", "公路", "轨道交通", "地铁", "出租车"]),
        ("教育文体", ["教育", "体育", "文广", "文化", "招生考试", "考试院"]),
        ("劳动和社会保障", ["住房公积金", "人社", "人力资源和社会保障", "人力资源社会保障", "社保", "社会保险", "劳动监察", "劳动保障", "医保", "医疗保障", "公积金", "民政", "就业"]),
        ("商贸旅游", ["商务", "市场监管", "市场监督管理", "工商", "文旅", "文化旅游", "旅游", "物价", "发改", "质监", "食药监"]),
        ("卫生计生", ["卫健", "卫生健康", "卫生和计划生育", "卫计", "卫生", "计生", "疾控", "疾病预防控制"]),
    ];

    private static readonly Dictionary<string, string> CategoryOfStem = Stems
        .SelectMany(s => s.Stems.Select(stem => (stem, s.Category)))
        .ToDictionary(t => t.stem, t => t.Category);

    /// <summary>Any known stem (longest first, so "住房和城乡建设" beats "住房") directly followed by a department word.</summary>
    private static readonly Regex DepartmentPattern = new(
        "(?<stem>" + string.Join('|', CategoryOfStem.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + ")"
        + "(?:执法局|执法大队|执法中队|执法支队|委员会|管理处|分局|部门|中心|支队|大队|中队|局|委|厅|处|办|院|所|站|公司)",
        RegexOptions.CultureInvariant);

    /// <summary>The category of the first recognised department in the first <paramref name="window"/> characters, or null.</summary>
    public static string? CategoryOf(string? reply, int window = 600)
    {
        if (string.IsNullOrEmpty(reply)) return null;
        var text = reply.Length > window ? reply[..window] : reply;
        foreach (Match m in DepartmentPattern.Matches(text))
        {
            var stem = m.Groups["stem"].Value;
            if (CategoryOfStem.TryGetValue(stem, out var cat)) return cat;
        }
        return null;
    }
}
