using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class LinearModelTests
{
    /// <summary>The plain class-by-class loop over class-major weights that scoring must reproduce bit for bit.</summary>
    private static float[] ClassByClass(float[] weights, float[] bias, int dimension, SparseVector x)
    {
        var s = new float[bias.Length];
        for (int k = 0; k < s.Length; k++)
        {
            float sum = bias[k];
            for (int j = 0; j < x.Indices.Length; j++) sum += weights[k * dimension + x.Indices[j]] * x.Values[j];
            s[k] = sum;
        }
        return s;
    }

    [Fact]
    public void Scores_equal_the_class_by_class_sums_exactly_for_every_number_of_classes()
    {
        var random = new Random(11);
        const int dimension = 1 << 10;
        for (int labels = 2; labels <= 10; labels++)
        {
            var weights = Enumerable.Range(0, labels * dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var bias = Enumerable.Range(0, labels).Select(_ => (float)random.NextDouble()).ToArray();
            var model = new LinearModel(Enumerable.Range(0, labels).Select(i => "c" + i).ToArray(), dimension, weights, bias);
            for (int round = 0; round < 50; round++)
            {
                var indices = Enumerable.Range(0, dimension).OrderBy(_ => random.Next()).Take(random.Next(0, 200)).ToArray();
                var values = indices.Select(_ => (float)random.NextDouble()).ToArray();
                var x = new SparseVector(indices, values);
                model.Scores(x).Select(BitConverter.SingleToInt32Bits)
                    .ShouldBe(ClassByClass(weights, bias, dimension, x).Select(BitConverter.SingleToInt32Bits), $"{labels} classes");
            }
        }
    }

    [Fact]
    public void A_feature_index_outside_the_dimension_is_rejected()
    {
        var model = new LinearModel(Enumerable.Range(0, 8).Select(i => "c" + i).ToArray(), 16, new float[8 * 16], new float[8]);
        Should.Throw<ArgumentOutOfRangeException>(() => model.Scores(new SparseVector([16], [1f])));
    }
}
