using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Keywords;
using CityMatrix.Nlp.Places;
using CityMatrix.Nlp.Segmentation;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Silo.Posts;

/// <summary>The post analysis over src/Nlp's shared, thread-safe models (loaded once, on first use).</summary>
public sealed class NlpPostAnalyzer : IPostAnalyzer
{
    private const int KeywordCount = 8;

    public PostAnalysis Analyze(string text, GeoPoint? location)
    {
        var sentiment = SentimentAnalyzer.Default.Analyze(text);
        var complaint = ComplaintDetector.Default.Detect(text);
        var category = CategoryClassifier.Default.Classify(text);
        var places = PlaceExtractor.Yinchuan.FindCodes(text).Where(code => code.Length > 0).ToList();
        var keywords = KeywordExtractor.Default.Extract(text, KeywordCount).Select(k => k.Word).ToList();
        var tokens = string.Join(' ', JiebaSegmenter.Default.CutSocial(text).Where(t => !string.IsNullOrWhiteSpace(t)));
        return new PostAnalysis(
            sentiment.Polarity == Polarity.Positive ? "pos" : "neg",
            sentiment.Score,
            sentiment.Anger,
            complaint.IsComplaint,
            complaint.Score,
            category.Category,
            category.Topic,
            category.Score,
            MostSpecific(places),
            places,
            keywords,
            tokens,
            UrgencyRules.Assess(text, sentiment.Anger));
    }

    /// <summary>The longest code is the most specific (6-digit district, 9-digit street, 12-digit community).</summary>
    private static string? MostSpecific(IReadOnlyList<string> codes) =>
        codes.OrderByDescending(c => c.Length).FirstOrDefault();
}
