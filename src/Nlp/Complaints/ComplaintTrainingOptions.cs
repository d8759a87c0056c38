namespace CityMatrix.Nlp.Complaints;

public sealed record ComplaintTrainingOptions
{
    public string DataDirectory { get; init; } = "/work/shared/data";
    public int HashBits { get; init; } = 18;
    public int Epochs { get; init; } = 6;
    public float LearningRate { get; init; } = 0.1f;
    /// <summary>Weight of govmsg subjects (positives) and ordinary Weibo posts (negatives): style differs from our target.</summary>
    public float ResearchWeight { get; init; } = 0f;
    public float TemplateWeight { get; init; } = 1f;
    public float HandWrittenWeight { get; init; } = 3f;
    public int TemplateComplaints { get; init; } = 1500;
    public int TemplateNegatives { get; init; } = 1800;
}
