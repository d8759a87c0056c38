using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Categories;

/// <summary>
/// Cue phrases used both as classifier features and as votes for pseudo-labelling unlabelled
/// messages: topic keywords, the taxonomy's level-2/3 names, and responsible departments
/// (an official reply naming "区教育局" says the message was about education).
/// </summary>
public static class CategorySeeds
{
    public static readonly IReadOnlyDictionary<string, string[]> Departments = new Dictionary<string, string[]>
    {
        ["城乡建设"] = ["住建局", "住房和城乡建设", "城乡建设局", "城管局", "城管执法", "城市管理", "规划局", "规划分局", "市政局", "园林局", "自来水公司", "供电公司", "燃气公司", "住房保障局", "物业公司", "热力公司", "住建委"],
        ["环境保护"] = ["环保局", "生态环境局", "环境保护局", "环境监测站", "环保分局"],
        ["交通运输"] = ["交通运输局", "交通局", "公路局", "运管处", "轨道交通", "公交公司", "交通运输委"],
        ["教育文体"] = ["教育局", "教育厅", "文广新局", "体育局", "文化局", "文旅局"],
        ["劳动和社会保障"] = ["人社局", "人力资源和社会保障", "社保局", "社保中心", "劳动监察", "医保局", "公积金中心"],
        ["商贸旅游"] = ["商务局", "工商局", "工商分局", "市场监督管理局", "市场监管局", "物价局", "旅游局", "质监局"],
        ["卫生计生"] = ["卫生局", "卫计委", "卫健委", "卫生健康委", "卫生和计划生育", "计生局", "疾控中心", "食药监"],
    };

    /// <summary>Feature lexicon: every cue phrase tagged with its category ("c:城乡建设") or topic ("t:供暖").</summary>
    public static Dictionary<string, string> FeatureLexicon(IEnumerable<(string Category, string Name)> taxonomyNames)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (cat, name) in taxonomyNames)
            foreach (var part in SplitName(name)) d.TryAdd(part, "c:" + cat);
        foreach (var (cat, words) in Departments)
            foreach (var w in words) d[w] = "d:" + cat;
        foreach (var (topic, (_, words)) in CategoryVocabulary.Topics)
            foreach (var w in words) d[w] = "t:" + topic;
        return d;
    }

    /// <summary>Taxonomy names such as "房产证登记、办理" or "园林绿化环卫" as matchable parts (≥ 2 chars, not "其他").</summary>
    public static IEnumerable<string> SplitName(string name) =>
        name.Split(['、', '和', '与', '及', '/', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim()).Where(p => p.Length >= 2 && p != "其他");

    /// <summary>
    /// Votes per category from cue phrases (subject counts double; a reply's department counts 3),
    /// or null when no category clearly wins (top ≥ 2 and ≥ twice the runner-up).
    /// </summary>
    public static string? PseudoLabel(PhraseLexicon lexicon, string subject, string detail, string? reply)
    {
        var votes = new Dictionary<string, double>();
        void Vote(string text, double weight, bool departmentsOnly)
        {
            foreach (var (_, _, cls) in lexicon.Match(TextNormalizer.Normalize(text)))
            {
                string? cat = cls.StartsWith("d:") ? cls[2..]
                    : departmentsOnly ? null
                    : cls.StartsWith("c:") ? cls[2..]
                    : cls.StartsWith("t:") ? CategoryVocabulary.CategoryOfTopic(cls[2..]) : null;
                if (cat is not null) votes[cat] = votes.GetValueOrDefault(cat) + weight;
            }
        }
        Vote(subject, 2, false);
        Vote(detail, 1, false);
        if (!string.IsNullOrEmpty(reply)) Vote(reply.Length > 400 ? reply[..400] : reply, 3, true);
        if (votes.Count == 0) return null;
        var ranked = votes.OrderByDescending(v => v.Value).ToList();
        double top = ranked[0].Value, second = ranked.Count > 1 ? ranked[1].Value : 0;
        return top >= 2 && top >= 2 * second ? ranked[0].Key : null;
    }
}
