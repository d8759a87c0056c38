namespace CityMatrix.Nlp.Categories;

public sealed record CategoryTrainingOptions
{
    public string DataDirectory { get; init; } = "/work/shared/data";
    public string LabelledPath => Path.Combine(DataDirectory, "govmsg", "labeled_messages.csv");
    public string TaxonomyPath => Path.Combine(DataDirectory, "govmsg", "taxonomy.csv");
    public IEnumerable<string> UnlabelledPaths =>
        [Path.Combine(DataDirectory, "govmsg", "unlabeled_messages.csv"), Path.Combine(DataDirectory, "govmsg", "messages_with_replies.csv")];

    public int HashBits { get; init; } = 18;
    public int Epochs { get; init; } = 10;
    public float LearningRate { get; init; } = 0.2f;
    /// <summary>Weight of keyword/department-seeded pseudo-labels.</summary>
    public float SeedWeight { get; init; } = 1f;
    /// <summary>Self-training: weight of confident model predictions on unlabelled messages (0 = off).</summary>
    public float SelfTrainWeight { get; init; } = 0f;
    public float SelfTrainThreshold { get; init; } = 0.7f;
    /// <summary>Weight of the hand-written short posts (Weibo style) that carry category labels.</summary>
    public float ShortPostWeight { get; init; } = 1f;
    public int Folds { get; init; } = 5;
}
