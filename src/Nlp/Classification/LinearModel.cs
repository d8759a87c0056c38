namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Multinomial linear model over hashed features: weights[class * dim + feature] and a bias per
/// class; probabilities by softmax. Read-only after construction, so safe to share across threads.
/// </summary>
public sealed class LinearModel
{
    public LinearModel(IReadOnlyList<string> labels, int dimension, float[] weights, float[] bias)
    {
        if (labels.Count < 2) throw new ArgumentException("a model needs at least two labels", nameof(labels));
        if (weights.Length != labels.Count * dimension) throw new ArgumentException("weights length must be labels × dimension", nameof(weights));
        if (bias.Length != labels.Count) throw new ArgumentException("one bias per label", nameof(bias));
        Labels = labels.ToArray();
        Dimension = dimension;
        Weights = weights;
        Bias = bias;
    }

    public IReadOnlyList<string> Labels { get; }
    public int Dimension { get; }
    internal float[] Weights { get; }
    internal float[] Bias { get; }

    public int IndexOf(string label)
    {
        for (int i = 0; i < Labels.Count; i++) if (Labels[i] == label) return i;
        throw new ArgumentException($"unknown label '{label}'", nameof(label));
    }

    public float[] Scores(SparseVector x) => Scores(x.Indices, x.Values);

    /// <summary>Per class: bias, then the features added in vector order (the order fixes the float result).</summary>
    internal float[] Scores(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var s = new float[Labels.Count];
        for (int k = 0; k < s.Length; k++)
        {
            float sum = Bias[k];
            var row = Weights.AsSpan(k * Dimension, Dimension);
            for (int j = 0; j < indices.Length; j++) sum += row[indices[j]] * values[j];
            s[k] = sum;
        }
        return s;
    }

    internal float[] Probabilities(ReadOnlySpan<int> indices, ReadOnlySpan<float> values) => Softmax(Scores(indices, values));

    public float[] Probabilities(SparseVector x) => Softmax(Scores(x));

    public static float[] Softmax(float[] scores)
    {
        float max = scores.Max();
        var p = new float[scores.Length];
        float z = 0;
        for (int i = 0; i < p.Length; i++) { p[i] = MathF.Exp(scores[i] - max); z += p[i]; }
        for (int i = 0; i < p.Length; i++) p[i] /= z;
        return p;
    }
}
