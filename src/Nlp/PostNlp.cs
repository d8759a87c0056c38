using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Keywords;
using CityMatrix.Nlp.Places;
using CityMatrix.Nlp.Segmentation;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp;

/// <summary>Everything the ingest pipeline derives from one post's text.</summary>
/// <param name="PlaceCodes">Region codes named in the text, in text order.</param>
/// <param name="SearchTokens">The social cut's tokens, space-separated, without whitespace-only tokens.</param>
public sealed record PostNlpResult(
    SentimentResult Sentiment,
    ComplaintResult Complaint,
    CategoryResult Category,
    IReadOnlyList<string> PlaceCodes,
    IReadOnlyList<string> Keywords,
    string SearchTokens);

/// <summary>
/// Analyses a post with all the shipped models in one go. Results equal calling each model on its own
/// (sentiment, complaint, category, places, keywords, social cut); the text is normalised once and the
/// character n-grams and lexicon matches are shared by the models whose feature options agree.
/// Thread-safe.
/// </summary>
public sealed class PostNlp(
    SentimentAnalyzer sentiment, ComplaintDetector complaints, CategoryClassifier categories,
    PlaceExtractor places, KeywordExtractor keywords, JiebaSegmenter segmenter)
{
    private static readonly Lazy<PostNlp> LazyDefault = new(
        () => new PostNlp(SentimentAnalyzer.Default, ComplaintDetector.Default, CategoryClassifier.Default,
            PlaceExtractor.Yinchuan, KeywordExtractor.Default, JiebaSegmenter.Default),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shipped models, the Yinchuan gazetteer and the default segmenter, loaded once on first use.</summary>
    public static PostNlp Default => LazyDefault.Value;

    public PostNlpResult Analyze(string text, int keywordCount = 8)
    {
        ArgumentNullException.ThrowIfNull(text);
        var features = new FeatureText(text);
        var sentimentResult = sentiment.Analyze(features);
        var complaint = complaints.Detect(features);
        var category = categories.Classify(features);
        var placeCodes = places.FindCodes(text);
        // Without @names, #topics#, URLs or [表情] the social cut is the plain cut: keywords need no second segmentation.
        var social = segmenter.CutSocial(text, hmm: true, out bool sameAsCut);
        var keywordList = (sameAsCut ? keywords.ExtractFromCut(text, social, segmenter, keywordCount) : null)
                          ?? keywords.Extract(text, keywordCount);
        var words = new string[keywordList.Count];
        for (int i = 0; i < words.Length; i++) words[i] = keywordList[i].Word;
        return new PostNlpResult(sentimentResult, complaint, category, placeCodes, words, SearchTokens(social));
    }

    private static string SearchTokens(IReadOnlyList<string> tokens)
    {
        var kept = new List<string>(tokens.Count);
        foreach (var token in tokens) if (!string.IsNullOrWhiteSpace(token)) kept.Add(token);
        return string.Join(' ', kept);
    }
}
