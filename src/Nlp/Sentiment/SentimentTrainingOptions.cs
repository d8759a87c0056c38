namespace CityMatrix.Nlp.Sentiment;

/// <summary>Where the research data lives and how the polarity and emotion models are trained.</summary>
public sealed record SentimentTrainingOptions
{
    public string DataDirectory { get; init; } = "/work/shared/data";
    public string WeiboPath => Path.Combine(DataDirectory, "sentiment", "weibo2018_train.txt");
    public string ChnSentiCorpTrainPath => Path.Combine(DataDirectory, "sentiment", "ChnSentiCorp_train.csv");
    public string ChnSentiCorpValidationPath => Path.Combine(DataDirectory, "sentiment", "ChnSentiCorp_validation.csv");
    public string EwectDirectory => Path.Combine(DataDirectory, "sentiment", "smp2020_ewect");
    public string LexiconDirectory => Path.Combine(DataDirectory, "lexicons");

    /// <summary>
    /// weibo2018 held-out rule: "every5" holds out every fifth line (lines 5, 10, ...: 2,000 posts
    /// with the file's label mix); "last2000" holds out the last 2,000 lines (90% negative, as the
    /// file is not shuffled). Held-out lines are never trained on.
    /// </summary>
    public string WeiboHoldOut { get; init; } = "every5";
    /// <summary>Weight of SMP2020-EWECT posts (emotion mapped to polarity) in polarity training; 0 = unused.</summary>
    public float EwectPolarityWeight { get; init; } = 0.5f;
    public int HashBits { get; init; } = 20;
    public int Epochs { get; init; } = 6;
    public float LearningRate { get; init; } = 0.1f;
    public float EmotionLearningRate { get; init; } = 0.3f;
    public float L2 { get; init; } = 1e-6f;
    public float NaiveBayesMix { get; init; } = 0.5f;
    /// <summary>Weight of ChnSentiCorp reviews relative to weibo2018 posts.</summary>
    public float ChnSentiCorpWeight { get; init; } = 1f;
}
