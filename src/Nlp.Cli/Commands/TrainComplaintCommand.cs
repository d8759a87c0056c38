using System.Diagnostics;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Trains complaint.model and reports P/R/F1 on the hand-written held-out posts.</summary>
public sealed class TrainComplaintCommand : ICliCommand
{
    public string Name => "train-complaint";
    public string Summary => "train complaint.model [--data DIR] [--models DIR] [--research-weight W (0 = off, default)] [--no-save]";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var o = CliOptions.Parse(args, "no-save", "no-research");
        o.OnlyKnown("data", "models", "research-weight", "hand-weight", "bits", "epochs", "lr", "no-save", "no-research");
        var opts = new ComplaintTrainingOptions
        {
            DataDirectory = CliPaths.DataDirectory(o),
            ResearchWeight = o.GetFloat("research-weight", 0f),
            HandWrittenWeight = o.GetFloat("hand-weight", 3f),
            HashBits = o.GetInt("bits", 18),
            Epochs = o.GetInt("epochs", 6),
            LearningRate = o.GetFloat("lr", 0.1f),
        };
        var sw = Stopwatch.StartNew();
        bool research = !o.Has("no-research") && opts.ResearchWeight > 0;
        var set = ComplaintTraining.BuildTrainingSet(opts, research);
        stderr.WriteLine($"training examples={set.Count} (complaints={set.Count(e => e.Label == "1")})");
        var model = ComplaintTraining.Train(set, opts, new Dictionary<string, string>
        {
            ["trained"] = "templates + hand-written training posts" + (!research ? "" : " + govmsg subjects (localized) + weibo2018/EWECT posts"),
        }, new StderrProgress(stderr, "complaint"));
        var held = ComplaintTraining.Evaluate(new ComplaintDetector(model), ShortPostSets.HandWrittenHeldOut());
        var p = held.For("1");
        stdout.WriteLine($"hand-written held-out short posts: n={held.Count} accuracy={held.Accuracy:F4} complaint P={p.Precision:F4} R={p.Recall:F4} F1={p.F1:F4}");
        if (!o.Has("no-save"))
        {
            var path = Path.Combine(CliPaths.ModelsDirectory(o), ComplaintDetector.ModelFileName);
            ModelFile.Save(model, path);
            stderr.WriteLine($"wrote {path}");
        }
        stderr.WriteLine($"done in {sw.Elapsed.TotalSeconds:F1}s");
        return 0;
    }
}
