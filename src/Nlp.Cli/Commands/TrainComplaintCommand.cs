using System.Diagnostics;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Trains complaint.model and reports P/R/F1 on the hand-written held-out posts.</summary>
public sealed class TrainComplaintCommand : ICliCommand
{
    public string Name => "train-complaint";
    public string Usage => "[--data DIR] [--models DIR] [--research-weight W (0 = off, default)] [--no-save]   writes complaint.model";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var o = CliOptions.Parse(args, ["--no-save", "--no-research"], ["--data", "--models", "--research-weight", "--hand-weight", "--bits", "--epochs", "--lr"]);
        var opts = new ComplaintTrainingOptions
        {
            DataDirectory = CliPaths.DataDirectory(o),
            ResearchWeight = o.Float("--research-weight", 0f, 0f, 1_000f),
            HandWrittenWeight = o.Float("--hand-weight", 3f, 0f, 1_000f),
            HashBits = o.Int("--bits", 18, 10, 26),
            Epochs = o.Int("--epochs", 6, 1, 1000),
            LearningRate = o.Float("--lr", 0.1f, 0f, 1_000f),
        };
        var sw = Stopwatch.StartNew();
        bool research = !o.Has("--no-research") && opts.ResearchWeight > 0;
        var set = ComplaintTraining.BuildTrainingSet(opts, research);
        error.WriteLine($"training examples={set.Count} (complaints={set.Count(e => e.Label == "1")})");
        var model = ComplaintTraining.Train(set, opts, new Dictionary<string, string>
        {
            ["trained"] = "templates + hand-written training posts" + (!research ? "" : " + govmsg subjects (localized) + weibo2018/EWECT posts"),
        }, new StderrProgress(error, "complaint"));
        var held = ComplaintTraining.Evaluate(new ComplaintDetector(model), ShortPostSets.HandWrittenHeldOut());
        var p = held.For("1");
        output.WriteLine($"hand-written held-out short posts: n={held.Count} accuracy={held.Accuracy:F4} complaint P={p.Precision:F4} R={p.Recall:F4} F1={p.F1:F4}");
        if (!o.Has("--no-save"))
        {
            var path = Path.Combine(CliPaths.ModelsDirectory(o), ComplaintDetector.ModelFileName);
            ModelFile.Save(model, path);
            error.WriteLine($"wrote {path}");
        }
        error.WriteLine($"done in {sw.Elapsed.TotalSeconds:F1}s");
        return 0;
    }
}
