using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class FeatureExtractorTests
{
    private static readonly ITokenizer TwoWords = new DelegateTokenizer(_ => ["的", "供热"]);

    /// <summary>The word features alone: entries of the vector with words that the vector without words lacks.</summary>
    private static float[] WordBlock(FeatureOptions options)
    {
        const string text = "暖气不热";
        var withoutWords = new FeatureExtractor(options with { UseWordTokens = false }, PhraseLexicon.Empty).Extract(text);
        var withWords = new FeatureExtractor(options, PhraseLexicon.Empty, TwoWords).Extract(text);
        var charIndices = withoutWords.Indices.ToHashSet();
        return withWords.Indices.Select((index, i) => (index, withWords.Values[i])).Where(t => !charIndices.Contains(t.index)).Select(t => t.Item2).ToArray();
    }

    [Fact]
    public void Binary_word_features_have_equal_weights_and_unit_length_times_scale()
    {
        var block = WordBlock(new FeatureOptions { UseWordTokens = true, WordBigrams = false, WordScale = 2f, PolarityContext = false });
        block.Length.ShouldBe(2);
        block[0].ShouldBe(block[1], 1e-6f);
        MathF.Sqrt(block.Sum(v => v * v)).ShouldBe(2f, 1e-4f);
    }

    [Fact]
    public void Tf_idf_weights_a_rare_word_above_a_function_word()
    {
        var block = WordBlock(new FeatureOptions { UseWordTokens = true, WordIdf = true, WordBigrams = false, PolarityContext = false });
        block.Length.ShouldBe(2);
        block.Max().ShouldBeGreaterThan(block.Min() * 2);
        MathF.Sqrt(block.Sum(v => v * v)).ShouldBe(1f, 1e-4f);
    }

    [Fact]
    public void A_tokenizer_that_extracts_features_itself_leaves_the_vector_unchanged()
    {
        var options = new FeatureOptions { HashBits = 12, UseWordTokens = true, WordIdf = false, PolarityContext = false };
        var inner = new FeatureExtractor(options with { UseWordTokens = false }, PhraseLexicon.Empty);
        var plain = new FeatureExtractor(options, PhraseLexicon.Empty, TwoWords);
        var reentrant = new FeatureExtractor(options, PhraseLexicon.Empty, new DelegateTokenizer(t =>
        {
            inner.Extract(t + "别的文字");
            return ["的", "供热"];
        }));

        var expected = plain.Extract("暖气不热");
        var actual = reentrant.Extract("暖气不热");

        actual.Indices.ShouldBe(expected.Indices);
        actual.Values.ShouldBe(expected.Values);
    }
}
