using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Tests.Reference;

/// <summary>
/// A few hundred varied post texts for old-vs-new equivalence checks: the hand-written posts, template posts,
/// and deterministic mutations that reach the normaliser's and feature extractor's edge cases (emoji, Latin,
/// URLs, digits, full-width forms, Weibo markup, control characters, lone surrogates, very long lines, empty text).
/// </summary>
public static class VariedPosts
{
    private static readonly string[] Edge =
    [
        "", " ", "\t\n", "　", "a", "中", "[", "]", "[]", "[哈哈]", "[允悲][二哈][doge]", "[这个表情名字太长了不算]",
        "👍", "👨‍👩‍👧‍👦 全家福", "🇨🇳🇨🇳", "1️⃣2️⃣3️⃣", "\uD83D", "\uDE00abc", "暖气\uD83D不热",
        "HELLO World, this is ENGLISH only!!!", "ＦＵＬＬ－ＷＩＤＴＨ　ＡＢＣ１２３", "电话13912345678，门牌12-3-402",
        "http://t.cn/A6abcdEF 暖气不热", "看这里https://weibo.com/123?x=1&y=2。太气人了", "HTTPS://EXAMPLE.COM",
        "{%话题%}#问政银川#@银川住建 求助！！！", "@问政银川 @银川12345 #暖气不热# 不满意", "不不不满意非常非常好不好",
        "控制\u0001字符\u0007和\u200B零宽\u00A0空格", "   前后空格   ", "很不满意，非常不满意，太不满意了",
        "没人管没人管没人管没人管", "好好好好好好好好好好好好", "停水停电停暖，老人孩子怎么办",
    ];

    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var random = new Random(20261127);
        var basis = ShortPostSets.HandWrittenHeldOut().Select(p => p.Text)
            .Concat(ShortPostSets.HandWrittenTrain().Select(p => p.Text))
            .Concat(ShortPostSets.Templates(80, 80, 5).Select(p => p.Text))
            .Concat(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "segmentation", "complaints_handwritten.txt")))
            .Where(t => t.Length > 0)
            .ToList();
        var texts = new List<string>(Edge);
        texts.AddRange(basis);
        string[] inserts = ["😡", "👍🏻", "[怒]", "OK", "WiFi", "http://t.cn/xyz", "#话题#", "@某人", "１２３", "!!!", "？？", "\r\n", "不", "非常"];
        for (int i = 0; i < 120; i++)
        {
            var text = basis[random.Next(basis.Count)];
            int at = random.Next(text.Length + 1);
            texts.Add(text[..at] + inserts[random.Next(inserts.Length)] + text[at..]);
        }
        // Long lines: past the normaliser's cap and across every length bucket.
        texts.Add(string.Concat(Enumerable.Repeat(basis[0], 3)));
        texts.Add(string.Join("。", basis.Take(40)));
        texts.Add(string.Join(" ", basis.Take(200)));
        texts.Add(new string('好', 5000));
        return texts;
    }
}
