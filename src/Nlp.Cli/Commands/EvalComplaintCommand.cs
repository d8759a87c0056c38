using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>eval-complaint: P/R/F1 of the shipped complaint model on the hand-written held-out posts, or on --file (label TAB category TAB text).</summary>
public sealed class EvalComplaintCommand : ICliCommand
{
    public string Name => "eval-complaint";

    public string Usage => "[--file TSV] [--threshold T]   precision/recall/F1 of the shipped complaint model on hand-written held-out posts";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var o = CliOptions.Parse(args, [], ["--file", "--threshold"]);
        var threshold = o.Float("--threshold", 0.5f, 0f, 1f);
        List<ShortPostSets.ShortPost> posts;
        if (o.Value("--file") is { } file)
        {
            using var reader = CliPaths.OpenExisting(file);
            posts = ShortPostSets.Read(reader);
        }
        else posts = ShortPostSets.HandWrittenHeldOut();
        var detector = new ComplaintDetector(ComplaintDetector.Default.Model, threshold);
        var m = ComplaintTraining.Evaluate(detector, posts);
        var p = m.For("1");
        output.WriteLine($"n={m.Count} accuracy={m.Accuracy:F4} complaint P={p.Precision:F4} R={p.Recall:F4} F1={p.F1:F4}");
        return 0;
    }
}
