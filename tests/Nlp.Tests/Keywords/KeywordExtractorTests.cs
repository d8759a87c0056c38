using System.Text.Json;
using CityMatrix.Nlp.Keywords;
using CityMatrix.Nlp.Segmentation;
using CityMatrix.Nlp.Tests.Segmentation;

namespace CityMatrix.Nlp.Tests.Keywords;

public sealed class KeywordExtractorTests
{
    // jieba-rs's DEFAULT_STOP_WORDS: what @node-rs/jieba used when the oracle was made.
    private static readonly string[] JiebaRsDefaultStopWords =
    [
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on", "with",
        "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not", "one", "has", "or",
    ];

    private static readonly Lazy<IdfTable> Idf = new(IdfTable.LoadEmbedded);

    [Fact]
    public void Ranks_and_weights_keywords_as_jieba_on_the_oracle_lines()
    {
        var extractor = new KeywordExtractor(JiebaSegmenter.CreateJiebaOnly(), Idf.Value, JiebaRsDefaultStopWords, codePointTies: true);
        var mismatches = new List<string>();
        foreach (var line in File.ReadLines(OracleCase.FixturePath("keywords_oracle.jsonl")).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("text").GetString()!;
            var expected = doc.RootElement.GetProperty("keywords").EnumerateArray()
                .Select(k => (Word: k[0].GetString()!, Weight: k[1].GetDouble())).ToList();
            var ours = extractor.Extract(text, 5);
            var same = ours.Count == expected.Count
                && ours.Zip(expected).All(p => p.First.Word == p.Second.Word && Math.Abs(p.First.Weight - p.Second.Weight) < 1e-9);
            if (!same) mismatches.Add($"{text}\n  jieba: {string.Join(", ", expected)}\n  ours:  {string.Join(", ", ours)}");
        }
        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public void Default_extractor_skips_stop_words_and_single_characters()
    {
        var keywords = KeywordExtractor.Default.Extract("兴庆区凤凰北街的暖气不热，暖气不热，供热公司说我们的暖气没问题。", 10);
        keywords.ShouldNotBeEmpty();
        keywords[0].Word.ShouldBe("暖气不热");
        keywords.ShouldAllBe(k => k.Word.Length >= 2);
        keywords.ShouldNotContain(k => k.Word == "我们"); // in jieba's stop_words.utf8
    }

    [Fact]
    public void Weights_are_descending_and_top_k_is_respected()
    {
        var keywords = KeywordExtractor.Default.Extract("小区物业费太高，物业公司不作为，电梯故障没人修，物业费还要涨价。", 3);
        keywords.Count.ShouldBe(3);
        keywords.Select(k => k.Weight).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Equal_weights_keep_text_order_by_default()
    {
        var keywords = KeywordExtractor.Default.Extract("兴庆区凤凰北街暖气不热 https", 4);
        keywords.Select(k => k.Word).ShouldBe(["兴庆区", "凤凰北街", "暖气不热", "https"]);
    }

    [Fact]
    public void Empty_text_or_zero_top_k_gives_no_keywords()
    {
        KeywordExtractor.Default.Extract("", 5).ShouldBeEmpty();
        KeywordExtractor.Default.Extract("暖气不热", 0).ShouldBeEmpty();
    }

    [Fact]
    public void Idf_table_uses_the_lower_median_for_unknown_words()
    {
        var idf = IdfTable.Load(new StringReader("甲 1.0\n乙 2.0\n丙 3.0\n丁 4.0\n坏行\n"));
        idf.Count.ShouldBe(4);
        idf["甲"].ShouldBe(1.0);
        idf["未知"].ShouldBe(2.0);
    }
}
