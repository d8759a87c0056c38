using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Multinomial linear model over hashed features: a weight per (class, feature) and a bias per
/// class; probabilities by softmax. Read-only after construction, so safe to share across threads.
/// </summary>
public sealed class LinearModel
{
    // Feature-major: the weights of all classes for one feature sit together, so scoring a sparse vector
    // touches one cache line per feature instead of one per (class, feature) in arrays of many megabytes.
    private readonly float[] _byFeature;

    /// <param name="weights">Class-major: weights[class * dimension + feature].</param>
    public LinearModel(IReadOnlyList<string> labels, int dimension, float[] weights, float[] bias)
        : this(labels, Transpose(weights, labels.Count, dimension), bias, dimension)
    {
    }

    private LinearModel(IReadOnlyList<string> labels, float[] byFeature, float[] bias, int dimension)
    {
        if (labels.Count < 2) throw new ArgumentException("a model needs at least two labels", nameof(labels));
        if (byFeature.Length != labels.Count * dimension) throw new ArgumentException("weights length must be labels × dimension", nameof(byFeature));
        if (bias.Length != labels.Count) throw new ArgumentException("one bias per label", nameof(bias));
        Labels = labels.ToArray();
        Dimension = dimension;
        _byFeature = byFeature;
        Bias = bias;
    }

    /// <summary>A model from feature-major weights (byFeature[feature * labels + class]), taken as is.</summary>
    internal static LinearModel FromFeatureMajor(IReadOnlyList<string> labels, int dimension, float[] byFeature, float[] bias) =>
        new(labels, byFeature, bias, dimension);

    public IReadOnlyList<string> Labels { get; }
    public int Dimension { get; }
    internal float[] Bias { get; }

    /// <summary>A class-major copy (weights[class * dimension + feature]), for saving and averaging models.</summary>
    internal float[] ClassMajorWeights()
    {
        int k = Labels.Count;
        var w = new float[_byFeature.Length];
        for (int f = 0; f < Dimension; f++)
            for (int c = 0; c < k; c++) w[c * Dimension + f] = _byFeature[f * k + c];
        return w;
    }

    public int IndexOf(string label)
    {
        for (int i = 0; i < Labels.Count; i++) if (Labels[i] == label) return i;
        throw new ArgumentException($"unknown label '{label}'", nameof(label));
    }

    public float[] Scores(SparseVector x) => Scores(x.Indices, x.Values);

    /// <summary>
    /// Per class: the bias, then each feature's term added in vector order. Each class's sum sees exactly the
    /// additions of a class-by-class loop, in the same order, so the float result does not depend on the layout.
    /// </summary>
    internal float[] Scores(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var s = new float[Bias.Length];
        Bias.CopyTo(s, 0);
        int k = s.Length;
        var w = _byFeature;
        if (k == 8 && Vector256.IsHardwareAccelerated)
        {
            // Lane c does exactly s[c] + w[c] * v (a multiply, then an add; no fused multiply-add), as the loop below.
            var sums = Vector256.Create<float>(s);
            ref float w0 = ref MemoryMarshal.GetArrayDataReference(w);
            uint dimension = (uint)Dimension;
            for (int j = 0; j < indices.Length; j++)
            {
                uint index = (uint)indices[j];
                if (index >= dimension) throw new ArgumentOutOfRangeException(nameof(indices), "feature index outside the model's dimension");
                var row = Vector256.LoadUnsafe(ref w0, index * 8u);
                sums += row * Vector256.Create(values[j]);
            }
            sums.CopyTo(s);
            return s;
        }
        if (k is > 4 and < 8 && Vector128.IsHardwareAccelerated)
        {
            // The first four classes in one vector (lane-wise multiply then add, as below), the rest one by one.
            var sums = Vector128.Create<float>(s);
            ref float w0 = ref MemoryMarshal.GetArrayDataReference(w);
            uint dimension = (uint)Dimension;
            for (int j = 0; j < indices.Length; j++)
            {
                uint index = (uint)indices[j];
                if (index >= dimension) throw new ArgumentOutOfRangeException(nameof(indices), "feature index outside the model's dimension");
                float v = values[j];
                uint at = index * (uint)k;
                sums += Vector128.LoadUnsafe(ref w0, at) * Vector128.Create(v);
                for (int c = 4; c < k; c++) s[c] += Unsafe.Add(ref w0, (nint)(at + (uint)c)) * v;
            }
            sums.CopyTo(s);
            return s;
        }
        if (k == 2)
        {
            float s0 = s[0], s1 = s[1];
            for (int j = 0; j < indices.Length; j++)
            {
                int at = indices[j] * 2;
                float v = values[j];
                s0 += w[at] * v;
                s1 += w[at + 1] * v;
            }
            s[0] = s0;
            s[1] = s1;
            return s;
        }
        for (int j = 0; j < indices.Length; j++)
        {
            var row = w.AsSpan(indices[j] * k, k);
            float v = values[j];
            for (int c = 0; c < row.Length; c++) s[c] += row[c] * v;
        }
        return s;
    }

    public float[] Probabilities(SparseVector x) => Softmax(Scores(x));

    internal float[] Probabilities(ReadOnlySpan<int> indices, ReadOnlySpan<float> values) => Softmax(Scores(indices, values));

    public static float[] Softmax(float[] scores)
    {
        float max = scores.Max();
        var p = new float[scores.Length];
        float z = 0;
        for (int i = 0; i < p.Length; i++) { p[i] = MathF.Exp(scores[i] - max); z += p[i]; }
        for (int i = 0; i < p.Length; i++) p[i] /= z;
        return p;
    }

    private static float[] Transpose(float[] classMajor, int labels, int dimension)
    {
        if (classMajor.Length != labels * dimension) throw new ArgumentException("weights length must be labels × dimension", nameof(classMajor));
        var t = new float[classMajor.Length];
        for (int c = 0; c < labels; c++)
            for (int f = 0; f < dimension; f++) t[f * labels + c] = classMajor[c * dimension + f];
        return t;
    }
}
