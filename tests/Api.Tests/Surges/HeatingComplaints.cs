namespace CityMatrix.Api.Tests.Surges;

/// <summary>
/// Varied citizens' heating complaints for the replay: templates × Yinchuan communities served by the six heating
/// companies (names the gazetteer resolves to one community). Community i of the list gets complaint i of the
/// cycle, so the bigger companies (more communities) get more complaints, as in life; every tenth complaint is
/// from 崇安社区, where a whole block went cold (a large incident). Deterministic: complaint n is always the same.
/// </summary>
public static class HeatingComplaints
{
    /// <summary>(community as citizens write it, its region code, the heating company serving it).</summary>
    public static readonly (string Name, string Code, string Company)[] Communities =
    [
        ("崇安社区", "640104001002", "ent-heating-1"), ("北塔社区", "640104001010", "ent-heating-1"), ("银湖社区", "640104002006", "ent-heating-1"),
        ("幸福社区", "640104003006", "ent-heating-1"), ("利群社区", "640104004003", "ent-heating-1"), ("富华社区", "640104005005", "ent-heating-1"),
        ("宝庆社区", "640104005010", "ent-heating-1"), ("青山社区", "640104006013", "ent-heating-1"), ("聚丰苑社区", "640104101007", "ent-heating-1"),
        ("新安社区", "640104101012", "ent-heating-1"),
        ("陶瓷社区", "640104007003", "ent-heating-2"), ("安和社区", "640104008006", "ent-heating-2"), ("丽水社区", "640104009004", "ent-heating-2"),
        ("康馨社区", "640104010007", "ent-heating-2"), ("清苑社区", "640104010015", "ent-heating-2"), ("景太社区", "640104011007", "ent-heating-2"),
        ("玺悦社区", "640104011014", "ent-heating-2"), ("紫阳社区", "640106001004", "ent-heating-2"), ("金家巷社区", "640106002001", "ent-heating-2"),
        ("盈南家园社区", "640106002010", "ent-heating-2"), ("南苑社区", "640106003001", "ent-heating-2"), ("宝湖社区", "640106003009", "ent-heating-2"),
        ("七子连湖社区", "640106003016", "ent-heating-2"), ("安居苑社区", "640106004004", "ent-heating-2"),
        ("康庄社区", "640105001002", "ent-heating-3"), ("沁园社区", "640105001008", "ent-heating-3"), ("锦润社区", "640105001014", "ent-heating-3"),
        ("纺苑社区", "640105002005", "ent-heating-3"), ("文昌南路社区", "640105003003", "ent-heating-3"), ("同安苑社区", "640105003009", "ent-heating-3"),
        ("恩和巷社区", "640105004007", "ent-heating-3"), ("平吉堡社区", "640105005003", "ent-heating-3"), ("伊地社区", "640105006004", "ent-heating-3"),
        ("金阳社区", "640105007002", "ent-heating-3"),
        ("富原社区", "640121102010", "ent-heating-4"), ("三里屯社区", "640121102012", "ent-heating-4"), ("逸兰汐社区", "640121102014", "ent-heating-4"),
        ("福宁社区", "640121104001", "ent-heating-4"),
        ("利民社区", "640122001001", "ent-heating-5"), ("居安社区", "640122001003", "ent-heating-5"), ("马家寨社区", "640122001005", "ent-heating-5"),
        ("虹桥社区", "640122001012", "ent-heating-5"), ("和平社区", "640122001015", "ent-heating-5"), ("海亮社区", "640122001018", "ent-heating-5"),
        ("谢家井社区", "640181001001", "ent-heating-6"), ("东盛街社区", "640181001007", "ent-heating-6"), ("兴业路社区", "640181001012", "ent-heating-6"),
        ("灵新矿社区", "640181103002", "ent-heating-6"),
    ];

    private static readonly string[] Openings =
    [
        "{c}{b}号楼", "我家住{c}{b}号楼{u}单元，", "{c}{b}栋的住户反映：", "@问政银川 {c}{b}号楼", "我是{c}{b}号楼的居民，", "{c}{b}号楼{u}单元",
        "反映一下{c}{b}栋的问题：",
    ];

    private static readonly string[] Problems =
    [
        "暖气一点都不热，屋里才{t}度", "暖气片冰凉冰凉的，说好今天开始供暖", "供暖第一天暖气就不热，室温只有{t}度",
        "暖气管道漏水，暖气片只有一半热", "地暖根本不热，家里冷得像冰窖", "暖气时冷时热，晚上室温掉到{t}度",
        "到现在暖气还没来，热力公司说在排气", "交了采暖费暖气却不热", "暖气片上面热下面凉，室温不到{t}度", "供热不达标，测了室温才{t}度",
    ];

    private static readonly string[] Hardships =
    [
        "，老人孩子冻得受不了", "，孩子都冻感冒了", "，晚上睡觉都得穿着棉袄", "，开着电暖器还是冷", "，家里老人冻得直哆嗦", "",
    ];

    private static readonly string[] Demands =
    [
        "，热力公司赶紧管管！", "，打热力公司电话一直占线，什么时候能解决？", "，请相关部门尽快处理。", "，反映好几次了没人来修，太气人了！",
        "，希望有关部门督促热力公司解决。", "，这个冬天可怎么过？",
    ];

    /// <summary>The community complaint <paramref name="n"/> is about.</summary>
    public static (string Name, string Code, string Company) CommunityOf(int n) =>
        n % 10 == 0 ? Communities[0] : Communities[n * 7 % Communities.Length];

    /// <summary>Complaint number <paramref name="n"/> (0, 1, 2, …).</summary>
    public static string Text(int n)
    {
        var community = CommunityOf(n).Name;
        var text = Openings[n % Openings.Length] + Problems[n / 3 % Problems.Length] + Hardships[n / 7 % Hardships.Length] + Demands[n / 2 % Demands.Length];
        return text.Replace("{c}", community)
            .Replace("{b}", (1 + n % 23).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{u}", (1 + n % 4).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{t}", (10 + n % 7).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
