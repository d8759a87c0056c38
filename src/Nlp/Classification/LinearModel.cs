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

    public float[] Scores(SparseVector x)
    {
        var s = new float[Labels.Count];
        for (int k = 0; k < s.Length; k++)
        {
            float sum = Bias[k];
            int offset = k * Dimension;
            for (int j = 0; j < x.Indices.Length; j++) sum += Weights[offset + x.Indices[j]] * x.Values[j];
            s[k] = sum;
        }
        return s;
    }

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
