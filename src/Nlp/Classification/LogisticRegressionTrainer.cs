using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Trains a <see cref="LinearModel"/> by AdaGrad on the softmax loss over hashed features,
/// optionally with NBSVM scaling folded into the final weights. Deterministic for a given seed.
/// </summary>
public sealed class LogisticRegressionTrainer(TrainerOptions options)
{
    public TrainerOptions Options { get; } = options;

    public LinearModel Train(IReadOnlyList<SparseVector> xs, IReadOnlyList<string> ys, IReadOnlyList<string> labels,
        int dimension, IReadOnlyList<float>? weights = null, IProgress<double>? progress = null)
    {
        if (xs.Count != ys.Count) throw new ArgumentException("one label per vector");
        if (xs.Count == 0) throw new ArgumentException("no training examples");
        int k = labels.Count;
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => t.i);
        var y = ys.Select(l => labelIndex.TryGetValue(l, out var i) ? i : throw new ArgumentException($"label '{l}' not in label set")).ToArray();
        var sampleWeight = new float[xs.Count];
        for (int i = 0; i < xs.Count; i++) sampleWeight[i] = weights?[i] ?? 1f;
        if (Options.BalanceClasses)
        {
            var total = new double[k];
            for (int i = 0; i < y.Length; i++) total[y[i]] += sampleWeight[i];
            double mean = total.Where(t => t > 0).Average();
            for (int i = 0; i < y.Length; i++) sampleWeight[i] *= (float)(mean / total[y[i]]);
        }

        float[]? scale = k == 2 && Options.NaiveBayesScaling ? NaiveBayesRatios(xs, y, dimension) : null;

        // Feature-major (w[feature * k + class]), as LinearModel keeps them: an example's updates for all classes touch the
        // same cache lines. Every weight sees the same float operations in the same order as with a class-major layout.
        var w = new float[k * dimension];
        var g2 = new float[k * dimension];
        var b = new float[k];
        var gb = new float[k];
        var order = Enumerable.Range(0, xs.Count).ToArray();
        var rng = new Random(Options.Seed);
        var scores = new float[k];
        float lr = Options.LearningRate;
        bool average = Options.AverageFromEpoch > 0 && Options.AverageFromEpoch <= Options.Epochs;
        var wSum = average ? new double[w.Length] : null;
        var bSum = average ? new double[k] : null;
        int averaged = 0;
        // Eight labels without NB scaling (the category model): one 256-bit vector holds an example's term for every class.
        bool vector8 = k == 8 && scale is null && Vector256.IsHardwareAccelerated;
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            for (int step = 0; step < order.Length; step++)
            {
                int i = order[step];
                var x = xs[i];
                if (vector8)
                {
                    StepEight(x, y[i], sampleWeight[i], w, g2, b, gb, lr, Options.L2);
                    if ((step & 1023) == 0) progress?.Report((epoch + (double)step / order.Length) / Options.Epochs);
                    continue;
                }
                for (int c = 0; c < k; c++)
                {
                    float s = b[c];
                    for (int j = 0; j < x.Indices.Length; j++)
                        s += w[x.Indices[j] * k + c] * x.Values[j] * (scale?[x.Indices[j]] ?? 1f);
                    scores[c] = s;
                }
                var p = LinearModel.Softmax(scores);
                for (int c = 0; c < k; c++)
                {
                    float grad = (p[c] - (y[i] == c ? 1f : 0f)) * sampleWeight[i];
                    if (grad == 0f) continue;
                    for (int j = 0; j < x.Indices.Length; j++)
                    {
                        int f = x.Indices[j] * k + c;
                        float gj = grad * x.Values[j] * (scale?[x.Indices[j]] ?? 1f) + Options.L2 * w[f];
                        g2[f] += gj * gj;
                        w[f] -= lr * gj / (MathF.Sqrt(g2[f]) + 1e-6f);
                    }
                    gb[c] += grad * grad;
                    b[c] -= lr * grad / (MathF.Sqrt(gb[c]) + 1e-6f);
                }
                if ((step & 1023) == 0) progress?.Report((epoch + (double)step / order.Length) / Options.Epochs);
            }
            if (average && epoch + 1 >= Options.AverageFromEpoch)
            {
                for (int f = 0; f < w.Length; f++) wSum![f] += w[f];
                for (int c = 0; c < k; c++) bSum![c] += b[c];
                averaged++;
            }
        }
        progress?.Report(1.0);
        if (average)
        {
            for (int f = 0; f < w.Length; f++) w[f] = (float)(wSum![f] / averaged);
            for (int c = 0; c < k; c++) b[c] = (float)(bSum![c] / averaged);
        }

        if (scale is not null)
            for (int c = 0; c < k; c++)
                for (int f = 0; f < dimension; f++) w[f * k + c] *= scale[f];
        return LinearModel.FromFeatureMajor(labels, dimension, w, b);
    }

    /// <summary>
    /// One AdaGrad step for eight labels, feature-major weights: lane c computes exactly the float operations of the scalar loop
    /// for class c, in the same order (multiplies and adds, no fused multiply-add; square root and division are correctly
    /// rounded in both), so the trained weights are bit-identical. A class whose gradient is exactly 0 is skipped as there.
    /// </summary>
    private static void StepEight(SparseVector x, int label, float sampleWeight, float[] w, float[] g2, float[] b, float[] gb, float lr, float l2)
    {
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(w);
        ref float g0 = ref MemoryMarshal.GetArrayDataReference(g2);
        var idx = x.Indices;
        var val = x.Values;
        var sums = Vector256.Create<float>(b);
        for (int j = 0; j < idx.Length; j++)
            sums += Vector256.LoadUnsafe(ref w0, (nuint)idx[j] * 8u) * Vector256.Create(val[j]);
        Span<float> scores = stackalloc float[8];
        sums.CopyTo(scores);
        float max = scores[0];
        for (int c = 1; c < 8; c++) if (scores[c] > max) max = scores[c];
        Span<float> p = stackalloc float[8];
        float z = 0;
        for (int c = 0; c < 8; c++) { p[c] = MathF.Exp(scores[c] - max); z += p[c]; }
        for (int c = 0; c < 8; c++) p[c] /= z;
        Span<float> grad = stackalloc float[8];
        bool anyZero = false;
        for (int c = 0; c < 8; c++)
        {
            grad[c] = (p[c] - (label == c ? 1f : 0f)) * sampleWeight;
            anyZero |= grad[c] == 0f;
        }
        if (anyZero)
        {
            for (int c = 0; c < 8; c++)
            {
                if (grad[c] == 0f) continue;
                for (int j = 0; j < idx.Length; j++)
                {
                    int f = idx[j] * 8 + c;
                    float gj = grad[c] * val[j] + l2 * w[f];
                    g2[f] += gj * gj;
                    w[f] -= lr * gj / (MathF.Sqrt(g2[f]) + 1e-6f);
                }
            }
        }
        else
        {
            var gv = Vector256.Create<float>(grad);
            var l2v = Vector256.Create(l2);
            var lrv = Vector256.Create(lr);
            var eps = Vector256.Create(1e-6f);
            for (int j = 0; j < idx.Length; j++)
            {
                nuint at = (nuint)idx[j] * 8u;
                var wv = Vector256.LoadUnsafe(ref w0, at);
                var gj = gv * Vector256.Create(val[j]) + l2v * wv;
                var g2v = Vector256.LoadUnsafe(ref g0, at) + gj * gj;
                g2v.StoreUnsafe(ref g0, at);
                (wv - lrv * gj / (Vector256.Sqrt(g2v) + eps)).StoreUnsafe(ref w0, at);
            }
        }
        for (int c = 0; c < 8; c++)
        {
            if (grad[c] == 0f) continue;
            gb[c] += grad[c] * grad[c];
            b[c] -= lr * grad[c] / (MathF.Sqrt(gb[c]) + 1e-6f);
        }
    }

    /// <summary>Per-feature |log-count ratio| on binarized features, mixed toward 1 and normalized to mean 1 over seen features.</summary>
    private float[] NaiveBayesRatios(IReadOnlyList<SparseVector> xs, int[] y, int dimension)
    {
        var pos = new float[dimension];
        var neg = new float[dimension];
        for (int i = 0; i < xs.Count; i++)
        {
            var target = y[i] == 1 ? pos : neg;
            foreach (var f in xs[i].Indices) target[f] += 1f;
        }
        const float alpha = 1f;
        double pSum = pos.Sum() + alpha * dimension, nSum = neg.Sum() + alpha * dimension;
        var r = new float[dimension];
        double total = 0; int seen = 0;
        for (int f = 0; f < dimension; f++)
        {
            if (pos[f] == 0 && neg[f] == 0) continue;
            float ratio = MathF.Abs((float)Math.Log((pos[f] + alpha) / pSum / ((neg[f] + alpha) / nSum)));
            r[f] = ratio;
            total += ratio; seen++;
        }
        float mean = seen == 0 ? 1f : (float)(total / seen);
        float beta = Options.NaiveBayesMix;
        for (int f = 0; f < dimension; f++) r[f] = beta * (r[f] / mean) + (1 - beta);
        return r;
    }
}
