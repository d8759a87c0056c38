using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class PhraseLexiconTests
{
    [Fact]
    public void Longest_phrase_wins_and_matches_do_not_overlap()
    {
        var lex = new PhraseLexicon(new Dictionary<string, string> { ["不"] = "negation", ["不满意"] = "neg", ["满意"] = "pos" });
        var m = lex.Match("很不满意");
        m.Count.ShouldBe(1);
        m[0].ShouldBe((1, 3, "neg"));
    }

    [Fact]
    public void Negation_before_a_positive_word_yields_a_different_feature_set()
    {
        var lex = new PhraseLexicon(new Dictionary<string, string> { ["不"] = "negation", ["满意"] = "pos" });
        var fx = new FeatureExtractor(new FeatureOptions { HashBits = 16, NGramMax = 1 }, lex);
        var plain = fx.Extract("满意").Indices.ToHashSet();
        var negated = fx.Extract("不满意").Indices.ToHashSet();
        negated.Except(plain).Count().ShouldBeGreaterThan(1); // "不" unigram plus the pos~not lexicon features
    }
}
