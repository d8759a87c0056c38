using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Complaints;

/// <summary>
/// Is a short post a citizen request/complaint (诉求) a government unit should act on?
/// Thread-safe (immutable model).
/// </summary>
public sealed class ComplaintDetector(TextClassifier model, float threshold = 0.5f)
{
    public const string ModelFileName = "complaint.model";

    private static readonly Lazy<ComplaintDetector> LazyDefault = new(
        () => new ComplaintDetector(ModelFile.LoadEmbedded(ModelFileName)), LazyThreadSafetyMode.ExecutionAndPublication);

    public static ComplaintDetector Default => LazyDefault.Value;

    public TextClassifier Model { get; } = model;
    public float Threshold { get; } = threshold;
    private readonly int _complaint = model.Model.IndexOf(ComplaintPostGenerator.Complaint);

    public ComplaintResult Detect(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new ComplaintResult(false, 0f) : Detect(new FeatureText(text));

    internal ComplaintResult Detect(FeatureText text)
    {
        if (string.IsNullOrWhiteSpace(text.Text)) return new ComplaintResult(false, 0f);
        float p = Model.Probabilities(text)[_complaint];
        return new ComplaintResult(p >= Threshold, p);
    }
}
