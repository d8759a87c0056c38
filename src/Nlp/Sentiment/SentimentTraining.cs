using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Sentiment;

/// <summary>Training and evaluation of the polarity model and the six-class emotion (anger) model.</summary>
public static class SentimentTraining
{
    public static readonly string[] PolarityLabels = [SentimentDatasets.Negative, SentimentDatasets.Positive];
    public static readonly string[] EmotionLabels = ["angry", "fear", "happy", "neutral", "sad", "surprise"];

    public sealed record PolaritySplits(List<LabelledExample> Train, List<LabelledExample> WeiboHeldOut, List<LabelledExample> ChnSentiCorpHeldOut);

    public sealed record EmotionSplits(List<LabelledExample> Train, List<LabelledExample> UsualHeldOut, List<LabelledExample> VirusHeldOut);

    public static PolaritySplits LoadPolarity(SentimentTrainingOptions o)
    {
        var weibo = SentimentDatasets.ReadWeibo2018(o.WeiboPath);
        var (weiboTrain, weiboTest) = SplitWeibo(weibo, o.WeiboHoldOut);
        var train = new List<LabelledExample>(weiboTrain);
        train.AddRange(SentimentDatasets.ReadChnSentiCorp(o.ChnSentiCorpTrainPath).Select(e => e with { Weight = o.ChnSentiCorpWeight }));
        if (o.EwectPolarityWeight > 0)
        {
            // Only the emotion model's training part, so the emotion held-out sets stay unseen.
            train.AddRange(SentimentDatasets.EmotionAsPolarity(LoadEmotion(o).Train, o.EwectPolarityWeight));
        }
        return new PolaritySplits(train, weiboTest, SentimentDatasets.ReadChnSentiCorp(o.ChnSentiCorpValidationPath));
    }

    public static (List<LabelledExample> Train, List<LabelledExample> HeldOut) SplitWeibo(List<LabelledExample> all, string rule) => rule switch
    {
        "every5" => (all.Where((_, i) => i % 5 != 4).ToList(), all.Where((_, i) => i % 5 == 4).ToList()),
        "last2000" => (all.Take(Math.Max(0, all.Count - 2000)).ToList(), all.Skip(Math.Max(0, all.Count - 2000)).ToList()),
        _ => throw new ArgumentException($"unknown weibo hold-out rule '{rule}' (every5 or last2000)"),
    };

    /// <summary>
    /// EWECT has labelled virus_train, virus_eval and usual_eval. Train: virus_train + usual_eval
    /// items with even id position; held out: usual_eval odd positions and all of virus_eval.
    /// </summary>
    public static EmotionSplits LoadEmotion(SentimentTrainingOptions o)
    {
        var virusTrain = SentimentDatasets.ReadEwect(Path.Combine(o.EwectDirectory, "virus_train.json"));
        var usual = SentimentDatasets.ReadEwect(Path.Combine(o.EwectDirectory, "usual_eval_labeled.json"));
        var virusEval = SentimentDatasets.ReadEwect(Path.Combine(o.EwectDirectory, "virus_eval_labeled.json"));
        var train = new List<LabelledExample>(virusTrain);
        train.AddRange(usual.Where((_, i) => i % 2 == 0));
        return new EmotionSplits(train, usual.Where((_, i) => i % 2 == 1).ToList(), virusEval);
    }

    public static PhraseLexicon BuildLexicon(SentimentTrainingOptions o, IEnumerable<string> corpus) =>
        Directory.Exists(o.LexiconDirectory)
            ? new PhraseLexicon(SentimentLexiconBuilder.Build(o.LexiconDirectory, corpus))
            : PhraseLexicon.Empty;

    public static TextClassifier TrainPolarity(IReadOnlyList<LabelledExample> train, PhraseLexicon lexicon, SentimentTrainingOptions o,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<double>? progress = null) =>
        TextClassifier.Train(train, PolarityLabels, new FeatureOptions { HashBits = o.HashBits, NGramMin = 1, NGramMax = 3 }, lexicon,
            new TrainerOptions
            {
                Epochs = o.Epochs, NaiveBayesScaling = o.NaiveBayesMix > 0, NaiveBayesMix = o.NaiveBayesMix, BalanceClasses = true,
                LearningRate = o.LearningRate, L2 = o.L2,
            }, metadata: metadata, progress: progress);

    /// <summary>Six-class emotion model; a smaller feature space (2^(bits−2)) keeps the six weight vectors compact.</summary>
    public static TextClassifier TrainEmotion(IReadOnlyList<LabelledExample> train, PhraseLexicon lexicon, SentimentTrainingOptions o,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<double>? progress = null) =>
        TextClassifier.Train(train, EmotionLabels, new FeatureOptions { HashBits = o.HashBits - 2, NGramMin = 1, NGramMax = 3 }, lexicon,
            new TrainerOptions { Epochs = o.Epochs, NaiveBayesScaling = false, BalanceClasses = false, LearningRate = o.EmotionLearningRate, L2 = o.L2 },
            metadata: metadata, progress: progress);

    public static Metrics Evaluate(TextClassifier classifier, IEnumerable<LabelledExample> examples)
    {
        var list = examples.ToList();
        var predicted = new string[list.Count];
        Parallel.For(0, list.Count, i => predicted[i] = classifier.Predict(list[i].Text).Label);
        var m = new Metrics();
        for (int i = 0; i < list.Count; i++) m.Add(list[i].Label, predicted[i]);
        return m;
    }
}
