using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Sentiment;

/// <summary>
/// Polarity (pos/neg with P(pos)) and anger (P(angry)) for short posts. Thread-safe: the models
/// are immutable and the feature buffers are per thread.
/// </summary>
public sealed class SentimentAnalyzer(TextClassifier polarity, TextClassifier emotion)
{
    public const string PolarityModelFile = "sentiment.model";
    public const string EmotionModelFile = "emotion.model";

    private static readonly Lazy<SentimentAnalyzer> LazyDefault = new(
        () => new SentimentAnalyzer(ModelFile.LoadEmbedded(PolarityModelFile), ModelFile.LoadEmbedded(EmotionModelFile)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shipped models, loaded once on first use.</summary>
    public static SentimentAnalyzer Default => LazyDefault.Value;

    public TextClassifier PolarityModel { get; } = polarity;
    public TextClassifier EmotionModel { get; } = emotion;

    private readonly int _positive = polarity.Model.IndexOf(SentimentDatasets.Positive);
    private readonly int _angry = emotion.Model.IndexOf("angry");

    public SentimentResult Analyze(string? text) => Analyze(new FeatureText(text ?? string.Empty));

    // Both models normalise the same text and, with the shipped files, share one lexicon: one FeatureText serves both.
    internal SentimentResult Analyze(FeatureText text)
    {
        float pos = PolarityModel.Probabilities(text)[_positive];
        float anger = EmotionModel.Probabilities(text)[_angry];
        return new SentimentResult(pos >= 0.5f ? Polarity.Positive : Polarity.Negative, pos, anger);
    }

    /// <summary>All six emotion probabilities, by label.</summary>
    public IReadOnlyDictionary<string, float> Emotions(string? text)
    {
        var p = EmotionModel.Probabilities(text ?? string.Empty);
        return EmotionModel.Labels.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => p[t.i]);
    }
}
