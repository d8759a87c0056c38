namespace CityMatrix.Nlp.Classification;

public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 8;
    public float LearningRate { get; init; } = 0.5f;
    /// <summary>L2 strength applied to the weights an example touches (lazy, per update).</summary>
    public float L2 { get; init; } = 1e-6f;
    /// <summary>NBSVM-style scaling (Wang &amp; Manning 2012): features × naive-Bayes log-count ratio. Two-label tasks only.</summary>
    public bool NaiveBayesScaling { get; init; } = true;
    /// <summary>Interpolation β between the NB-scaled and plain features, as r' = β·r + (1−β).</summary>
    public float NaiveBayesMix { get; init; } = 0.5f;
    /// <summary>Reweight examples so every label carries the same total weight.</summary>
    public bool BalanceClasses { get; init; }
    public int Seed { get; init; } = 17;
    /// <summary>
    /// Averaged SGD: when above 0, the model is the mean of the weights at the end of epochs AverageFromEpoch..Epochs
    /// (1-based) instead of the last ones, which damps the dependence on the example order. 0 = off.
    /// </summary>
    public int AverageFromEpoch { get; init; }
}
