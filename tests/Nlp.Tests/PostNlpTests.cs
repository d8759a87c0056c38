using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Keywords;
using CityMatrix.Nlp.Sentiment;
using CityMatrix.Nlp.Tests.Reference;

namespace CityMatrix.Nlp.Tests;

/// <summary>The one-go post analysis against a frozen copy of the per-model path it replaced.</summary>
public class PostNlpTests
{
    private static IEnumerable<(string Name, TextClassifier Model, OriginalPostNlp.OriginalModel Original)> ShippedModels() =>
    [
        ("polarity", SentimentAnalyzer.Default.PolarityModel, OriginalPostNlp.PolarityModel),
        ("emotion", SentimentAnalyzer.Default.EmotionModel, OriginalPostNlp.EmotionModel),
        ("complaint", ComplaintDetector.Default.Model, OriginalPostNlp.ComplaintModel),
        ("category", CategoryClassifier.Default.Model, OriginalPostNlp.CategoryModel),
    ];

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void Fixture_covers_a_few_hundred_varied_texts()
    {
        VariedPosts.All.Count.ShouldBeGreaterThan(300);
        VariedPosts.All.ShouldContain("");
        VariedPosts.All.ShouldContain(t => t.Length > TextNormalizer.MaxChars);
    }

    [Fact]
    public void Analyze_returns_exactly_the_labels_and_scores_of_the_original_per_model_path()
    {
        foreach (var text in VariedPosts.All)
        {
            var expected = OriginalPostNlp.Analyze(text);
            var actual = PostNlp.Default.Analyze(text);
            var because = $"text: {text[..Math.Min(text.Length, 60)]}";
            actual.Sentiment.Polarity.ShouldBe(expected.Polarity, because);
            BitConverter.SingleToInt32Bits(actual.Sentiment.Score).ShouldBe(BitConverter.SingleToInt32Bits(expected.PolarityScore), because);
            BitConverter.SingleToInt32Bits(actual.Sentiment.Anger).ShouldBe(BitConverter.SingleToInt32Bits(expected.Anger), because);
            actual.Complaint.IsComplaint.ShouldBe(expected.IsComplaint, because);
            BitConverter.SingleToInt32Bits(actual.Complaint.Score).ShouldBe(BitConverter.SingleToInt32Bits(expected.ComplaintScore), because);
            actual.Category.Category.ShouldBe(expected.Category, because);
            actual.Category.Topic.ShouldBe(expected.Topic, because);
            BitConverter.SingleToInt32Bits(actual.Category.Score).ShouldBe(BitConverter.SingleToInt32Bits(expected.CategoryScore), because);
            actual.PlaceCodes.ShouldBe(expected.Places, because);
            actual.Keywords.ShouldBe(expected.Keywords, because);
            actual.SearchTokens.ShouldBe(expected.Tokens, because);
        }
    }

    [Fact]
    public void Analyze_on_many_threads_at_once_returns_what_it_returns_on_one()
    {
        var texts = VariedPosts.All;
        var sequential = texts.Select(t => PostNlp.Default.Analyze(t)).ToArray();
        var parallel = new PostNlpResult[texts.Count];
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            parallel[i % texts.Count] = PostNlp.Default.Analyze(texts[i % texts.Count]));
        for (int i = 0; i < texts.Count; i++)
        {
            parallel[i].Sentiment.ShouldBe(sequential[i].Sentiment);
            parallel[i].Complaint.ShouldBe(sequential[i].Complaint);
            parallel[i].Category.ShouldBe(sequential[i].Category);
            parallel[i].PlaceCodes.ShouldBe(sequential[i].PlaceCodes);
            parallel[i].Keywords.ShouldBe(sequential[i].Keywords);
            parallel[i].SearchTokens.ShouldBe(sequential[i].SearchTokens);
        }
    }

    [Fact]
    public void Single_model_calls_return_exactly_the_original_probabilities()
    {
        foreach (var text in VariedPosts.All)
            foreach (var (name, model, original) in ShippedModels())
                Bits(model.Probabilities(text)).ShouldBe(Bits(original.Probabilities(text)), $"{name}: {text[..Math.Min(text.Length, 60)]}");
    }

    [Fact]
    public void Feature_vectors_keep_the_original_indices_values_and_order()
    {
        foreach (var text in VariedPosts.All)
        {
            foreach (var (name, model, original) in ShippedModels())
            {
                var expected = original.Extract(text);
                var actual = model.Features.Extract(text);
                actual.Indices.ShouldBe(expected.Indices, $"{name}: {text[..Math.Min(text.Length, 60)]}");
                Bits(actual.Values).ShouldBe(Bits(expected.Values), $"{name}: {text[..Math.Min(text.Length, 60)]}");
            }
        }
    }

    [Fact]
    public void Word_features_with_binary_weights_and_no_bigrams_match_the_original()
    {
        var options = new FeatureOptions { HashBits = 12, NGramMin = 2, NGramMax = 4, UseWordTokens = true, WordIdf = false, WordBigrams = false, WordScale = 0.5f, PolarityContext = false };
        var fx = new FeatureExtractor(options, PhraseLexicon.Empty, JiebaWordTokenizer.Default);
        foreach (var text in VariedPosts.All)
        {
            var expected = OriginalPostNlp.Extract(options, PhraseLexicon.Empty, JiebaWordTokenizer.Default, text);
            var actual = fx.Extract(text);
            actual.Indices.ShouldBe(expected.Indices);
            Bits(actual.Values).ShouldBe(Bits(expected.Values));
        }
    }

    [Fact]
    public void Keywords_match_the_original_extractor_for_every_top_k()
    {
        foreach (var text in VariedPosts.All)
            foreach (var topK in new[] { 0, 1, 3, 8, 20 })
                KeywordExtractor.Default.Extract(text, topK).ShouldBe(OriginalPostNlp.ExtractKeywords(text, topK), $"top {topK}: {text[..Math.Min(text.Length, 60)]}");
    }

    [Fact]
    public void Topic_detection_matches_the_original()
    {
        foreach (var text in VariedPosts.All)
            CategoryClassifier.DetectTopic(text).ShouldBe(OriginalPostNlp.DetectTopic(text), text[..Math.Min(text.Length, 60)]);
    }

    [Fact]
    public void Lexicon_matches_equal_the_original_longest_first_scan_on_overlapping_phrases()
    {
        var random = new Random(5);
        const string alphabet = "不满意好很非常太差气";
        for (int round = 0; round < 50; round++)
        {
            var entries = new Dictionary<string, string>();
            for (int i = 0; i < 12; i++)
            {
                var phrase = new string(Enumerable.Range(0, random.Next(1, 5)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                entries[phrase] = "c" + random.Next(4);
            }
            var lexicon = new PhraseLexicon(entries);
            var text = new string(Enumerable.Range(0, 40).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            lexicon.Match(text).ShouldBe(OriginalPostNlp.Match(lexicon, text));
        }
    }

    [Fact]
    public void Shipped_models_are_the_files_the_original_path_reads()
    {
        foreach (var (name, model, original) in ShippedModels())
        {
            model.Labels.ShouldBe(original.Labels, name);
            model.Features.Options.ShouldBe(original.Options, name);
            model.Features.Lexicon.Entries.Count.ShouldBe(original.Lexicon.Count, name);
        }
    }

    [Fact]
    public void Models_loaded_with_equal_lexicons_share_one_lexicon_instance()
    {
        var polarity = SentimentAnalyzer.Default.PolarityModel.Features.Lexicon;
        var emotion = SentimentAnalyzer.Default.EmotionModel.Features.Lexicon;
        polarity.Entries.Count.ShouldBe(emotion.Entries.Count);
        emotion.ShouldBeSameAs(polarity);
    }
}
