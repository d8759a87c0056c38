using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Tests.Segmentation;

/// <summary>Token-for-token parity with real jieba on the committed oracle lines (complaint-style posts and edge cases).</summary>
public sealed class JiebaParityTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private static readonly IReadOnlyList<OracleCase> Cases = OracleCase.Load();

    [Fact]
    public void Oracle_has_a_few_hundred_lines_including_edge_cases()
    {
        Cases.Count.ShouldBeGreaterThan(300);
        Cases.ShouldContain(c => c.Text.Length == 0);
        Cases.ShouldContain(c => c.Text.Length > 5000);
    }

    [Fact]
    public void Cut_with_hmm_equals_jieba_on_every_oracle_line() =>
        Mismatches(c => fixture.JiebaOnly.Cut(c.Text, hmm: true), c => c.Hmm).ShouldBeEmpty();

    [Fact]
    public void Cut_without_hmm_equals_jieba_on_every_oracle_line() =>
        Mismatches(c => fixture.JiebaOnly.Cut(c.Text, hmm: false), c => c.NoHmm).ShouldBeEmpty();

    [Fact]
    public void Words_added_at_run_time_cut_as_jieba_with_the_same_user_dictionary()
    {
        var segmenter = JiebaSegmenter.CreateJiebaOnly();
        foreach (var line in File.ReadLines(OracleCase.FixturePath("oracle_user_words.txt")).Where(l => l.Length > 0))
        {
            var parts = line.Split(' ');
            segmenter.AddWord(parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
        }
        Mismatches(c => segmenter.Cut(c.Text), c => c.UserHmm).ShouldBeEmpty();
    }

    [Fact]
    public void CutRanges_gives_the_same_tokens_as_Cut()
    {
        var ranges = new List<TokenRange>();
        foreach (var c in Cases)
        {
            ranges.Clear();
            fixture.JiebaOnly.CutRanges(c.Text, ranges);
            ranges.Select(r => c.Text.Substring(r.Start, r.Length)).ShouldBe(c.Hmm, c.Text);
        }
    }

    private static List<string> Mismatches(Func<OracleCase, IReadOnlyList<string>> ours, Func<OracleCase, string[]> jieba) =>
        Cases.Where(c => !ours(c).SequenceEqual(jieba(c)))
            .Select(c => $"{Shorten(c.Text)}\n  jieba: {string.Join(" | ", jieba(c))}\n  ours:  {string.Join(" | ", ours(c))}")
            .Take(10)
            .ToList();

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
