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

    /// <summary>The values of the character n-gram block: the vector minus the length bucket and bias (0.5 each).</summary>
    private static float[] GramValues(SparseVector v) => v.Values.Where(x => MathF.Abs(x - 0.5f) > 1e-6f).ToArray();

    [Fact]
    public void Corpus_idf_gives_a_character_found_in_every_text_less_weight_than_a_rare_one()
    {
        var options = new FeatureOptions { HashBits = 16, NGramMax = 1, PolarityContext = false, NGramCorpusIdf = true };
        var idf = FeatureExtractor.ComputeBucketIdf(["甲乙", "甲丙", "甲丁"], options);
        var values = GramValues(new FeatureExtractor(options, PhraseLexicon.Empty, bucketIdf: idf).Extract("甲乙"));

        values.Length.ShouldBe(2);
        // idf(甲) = ln(4/4) + 1 = 1, idf(乙) = ln(4/2) + 1; the block keeps unit length.
        (values.Max() / values.Min()).ShouldBe(1f + MathF.Log(2f), 1e-3f);
        MathF.Sqrt(values.Sum(x => x * x)).ShouldBe(1f, 1e-4f);
    }

    [Fact]
    public void Options_with_a_corpus_idf_refuse_an_extractor_without_the_table()
    {
        Should.Throw<ArgumentException>(() => new FeatureExtractor(new FeatureOptions { NGramCorpusIdf = true }, PhraseLexicon.Empty));
    }

    [Fact]
    public void The_lead_block_repeats_the_subject_of_a_long_text_and_leaves_short_texts_unchanged()
    {
        var plain = new FeatureOptions { HashBits = 16, NGramMax = 2, PolarityContext = false };
        var lead = plain with { LeadChars = 10, LeadMinTextChars = 12 };
        const string letter = "物业乱收费。小区物业公司每月多收我们五十元钱";
        const string post = "物业乱收费";

        var withLead = new FeatureExtractor(lead, PhraseLexicon.Empty).Extract(letter);
        var without = new FeatureExtractor(plain, PhraseLexicon.Empty).Extract(letter);
        // 物业乱收费: 5 unigrams + 4 bigrams of the subject, nothing after "。".
        (withLead.Indices.Except(without.Indices).Count()).ShouldBeInRange(8, 9);

        var shortWith = new FeatureExtractor(lead, PhraseLexicon.Empty).Extract(post);
        var shortWithout = new FeatureExtractor(plain, PhraseLexicon.Empty).Extract(post);
        shortWith.Indices.ShouldBe(shortWithout.Indices);
        shortWith.Values.ShouldBe(shortWithout.Values);
    }
}
