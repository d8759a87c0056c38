using CityMatrix.Nlp;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Silo.Posts;

/// <summary>The post analysis over src/Nlp's shared, thread-safe models (loaded once, on first use).</summary>
public sealed class NlpPostAnalyzer : IPostAnalyzer
{
    private const int KeywordCount = 8;

    public PostAnalysis Analyze(string text, GeoPoint? location)
    {
        // One call normalises the text once and shares n-grams and lexicon matches between the models.
        var nlp = PostNlp.Default.Analyze(text, KeywordCount);
        var sentiment = nlp.Sentiment;
        return new PostAnalysis(
            sentiment.Polarity == Polarity.Positive ? "pos" : "neg",
            sentiment.Score,
            sentiment.Anger,
            nlp.Complaint.IsComplaint,
            nlp.Complaint.Score,
            nlp.Category.Category,
            nlp.Category.Topic,
            nlp.Category.Score,
            MostSpecific(nlp.PlaceCodes),
            nlp.PlaceCodes,
            nlp.Keywords,
            nlp.SearchTokens,
            UrgencyRules.Assess(text, sentiment.Anger));
    }

    /// <summary>The longest code is the most specific (6-digit district, 9-digit street, 12-digit community).</summary>
    private static string? MostSpecific(IReadOnlyList<string> codes) =>
        codes.OrderByDescending(c => c.Length).FirstOrDefault();
}
