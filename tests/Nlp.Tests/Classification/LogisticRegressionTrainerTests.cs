using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class LogisticRegressionTrainerTests
{
    /// <summary>
    /// The plain AdaGrad softmax loop over class-major weights (the trainer before its feature-major, vectorised form):
    /// the trainer must reproduce its weights bit for bit.
    /// </summary>
    private static (float[] Weights, float[] Bias) ClassByClass(IReadOnlyList<SparseVector> xs, int[] y, int k, int dimension, TrainerOptions o)
    {
        var w = new float[k * dimension];
        var g2 = new float[k * dimension];
        var b = new float[k];
        var gb = new float[k];
        var order = Enumerable.Range(0, xs.Count).ToArray();
        var rng = new Random(o.Seed);
        var scores = new float[k];
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (int i in order)
            {
                var x = xs[i];
                for (int c = 0; c < k; c++)
                {
                    float s = b[c];
                    for (int j = 0; j < x.Indices.Length; j++) s += w[c * dimension + x.Indices[j]] * x.Values[j] * 1f;
                    scores[c] = s;
                }
                var p = LinearModel.Softmax(scores);
                for (int c = 0; c < k; c++)
                {
                    float grad = (p[c] - (y[i] == c ? 1f : 0f)) * 1f;
                    if (grad == 0f) continue;
                    for (int j = 0; j < x.Indices.Length; j++)
                    {
                        int f = c * dimension + x.Indices[j];
                        float gj = grad * x.Values[j] * 1f + o.L2 * w[f];
                        g2[f] += gj * gj;
                        w[f] -= o.LearningRate * gj / (MathF.Sqrt(g2[f]) + 1e-6f);
                    }
                    gb[c] += grad * grad;
                    b[c] -= o.LearningRate * grad / (MathF.Sqrt(gb[c]) + 1e-6f);
                }
            }
        }
        return (w, b);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Trained_weights_equal_the_class_by_class_loop_bit_for_bit(int labels)
    {
        var random = new Random(5);
        const int dimension = 1 << 9;
        var xs = new List<SparseVector>();
        var y = new int[300];
        for (int i = 0; i < y.Length; i++)
        {
            var indices = Enumerable.Range(0, 40).Select(_ => random.Next(dimension)).Distinct().ToArray();
            xs.Add(new SparseVector(indices, indices.Select(_ => (float)random.NextDouble()).ToArray()));
            y[i] = random.Next(labels);
        }
        var names = Enumerable.Range(0, labels).Select(i => "c" + i).ToArray();
        var options = new TrainerOptions { Epochs = 3, LearningRate = 0.3f, NaiveBayesScaling = false };

        var model = new LogisticRegressionTrainer(options).Train(xs, y.Select(l => names[l]).ToArray(), names, dimension);
        var (weights, bias) = ClassByClass(xs, y, labels, dimension, options);

        // A one-feature probe scores bias + weight for every class: equal scores for every feature mean equal weights.
        for (int f = 0; f < dimension; f++)
        {
            var scores = model.Scores(new SparseVector([f], [1f]));
            for (int c = 0; c < labels; c++) scores[c].ShouldBe(bias[c] + weights[c * dimension + f] * 1f);
        }
    }
}
