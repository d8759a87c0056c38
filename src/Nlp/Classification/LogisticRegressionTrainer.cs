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
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            for (int step = 0; step < order.Length; step++)
            {
                int i = order[step];
                var x = xs[i];
                for (int c = 0; c < k; c++)
                {
                    float s = b[c];
                    int off = c * dimension;
                    for (int j = 0; j < x.Indices.Length; j++)
                        s += w[off + x.Indices[j]] * x.Values[j] * (scale?[x.Indices[j]] ?? 1f);
                    scores[c] = s;
                }
                var p = LinearModel.Softmax(scores);
                for (int c = 0; c < k; c++)
                {
                    float grad = (p[c] - (y[i] == c ? 1f : 0f)) * sampleWeight[i];
                    if (grad == 0f) continue;
                    int off = c * dimension;
                    for (int j = 0; j < x.Indices.Length; j++)
                    {
                        int f = off + x.Indices[j];
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
                for (int f = 0; f < dimension; f++) w[c * dimension + f] *= scale[f];
        return new LinearModel(labels, dimension, w, b);
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
