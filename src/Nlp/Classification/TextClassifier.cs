namespace CityMatrix.Nlp.Classification;

/// <summary>
/// A trained classifier: feature extractor + linear model + free-form metadata (training data,
/// held-out figures). Immutable, thread-safe. Persisted by <see cref="ModelFile"/>.
/// </summary>
public sealed class TextClassifier(FeatureExtractor features, LinearModel model, IReadOnlyDictionary<string, string>? metadata = null)
{
    public FeatureExtractor Features { get; } = features;
    public LinearModel Model { get; } = model;
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? new Dictionary<string, string>();
    public IReadOnlyList<string> Labels => Model.Labels;

    public float[] Probabilities(string text) => Probabilities(new FeatureText(text ?? string.Empty));

    /// <summary>Class probabilities from features extracted into a per-thread buffer (no vector is allocated).</summary>
    internal float[] Probabilities(FeatureText text)
    {
        var acc = OrderedFeatureMap.ForThread;
        Features.Extract(text, acc);
        return Model.Probabilities(acc.Keys, acc.Values);
    }

    public (string Label, float Probability) Predict(string text)
    {
        var p = Probabilities(text);
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return (Model.Labels[best], p[best]);
    }

    public float Probability(string text, string label) => Probabilities(text)[Model.IndexOf(label)];

    /// <summary>Extracts features and trains in one go.</summary>
    public static TextClassifier Train(IReadOnlyList<LabelledExample> examples, IReadOnlyList<string> labels,
        FeatureOptions featureOptions, PhraseLexicon lexicon, TrainerOptions trainerOptions,
        ITokenizer? wordTokenizer = null, IReadOnlyDictionary<string, string>? metadata = null, IProgress<double>? progress = null)
    {
        var fx = new FeatureExtractor(featureOptions, lexicon, wordTokenizer);
        var xs = new SparseVector[examples.Count];
        Parallel.For(0, examples.Count, i => xs[i] = fx.Extract(examples[i].Text));
        var model = new LogisticRegressionTrainer(trainerOptions).Train(xs, examples.Select(e => e.Label).ToArray(), labels,
            featureOptions.Dimension, examples.Select(e => e.Weight).ToArray(), progress);
        return new TextClassifier(fx, model, metadata);
    }
}
