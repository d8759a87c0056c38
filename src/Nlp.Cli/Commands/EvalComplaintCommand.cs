using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>P/R/F1 of the shipped complaint model on the hand-written held-out posts, or on --file (label TAB category TAB text).</summary>
public sealed class EvalComplaintCommand : ICliCommand
{
    public string Name => "eval-complaint";
    public string Summary => "precision/recall/F1 of the shipped complaint model on the hand-written held-out posts [--file TSV] [--threshold T]";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var o = CliOptions.Parse(args);
        o.OnlyKnown("file", "threshold");
        var posts = o.Has("file") ? ShortPostSets.Read(new StreamReader(o.Get("file", ""))) : ShortPostSets.HandWrittenHeldOut();
        var detector = new ComplaintDetector(ComplaintDetector.Default.Model, o.GetFloat("threshold", 0.5f));
        var m = ComplaintTraining.Evaluate(detector, posts);
        var p = m.For("1");
        stdout.WriteLine($"n={m.Count} accuracy={m.Accuracy:F4} complaint P={p.Precision:F4} R={p.Recall:F4} F1={p.F1:F4}");
        return 0;
    }
}
