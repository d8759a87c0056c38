using System.Diagnostics;
using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Cross-validates, then trains the category model on all labelled data and writes category.model.</summary>
public sealed class TrainCategoryCommand : ICliCommand
{
    public string Name => "train-category";
    public string Summary => "train category.model [--data DIR] [--models DIR] [--folds N] [--seed-weight W] [--self-weight W] [--no-cv] [--no-save]";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var o = CliOptions.Parse(args, "no-save", "no-cv");
        o.OnlyKnown("data", "models", "folds", "seed-weight", "self-weight", "self-threshold", "bits", "epochs", "lr", "short-weight", "no-save", "no-cv");
        var opts = new CategoryTrainingOptions
        {
            DataDirectory = CliPaths.DataDirectory(o),
            Folds = o.GetInt("folds", 5),
            SeedWeight = o.GetFloat("seed-weight", 1f),
            SelfTrainWeight = o.GetFloat("self-weight", 0f),
            SelfTrainThreshold = o.GetFloat("self-threshold", 0.7f),
            HashBits = o.GetInt("bits", 18),
            Epochs = o.GetInt("epochs", 10),
            LearningRate = o.GetFloat("lr", 0.2f),
            ShortPostWeight = o.GetFloat("short-weight", 1f),
        };
        var sw = Stopwatch.StartNew();
        var shortPosts = ShortPostSets.CategoryTraining();
        var corpus = CategoryTraining.Load(opts, shortPosts);
        stderr.WriteLine($"labelled={corpus.Labelled.Count} unlabelled={corpus.Unlabelled.Count} short posts={corpus.ShortPosts.Count} cues={corpus.Lexicon.Count}");
        var meta = new Dictionary<string, string> { ["trained"] = "govmsg labelled + pseudo-labelled unlabelled + hand-written short posts" };
        if (!o.Has("no-cv"))
        {
            var cv = CategoryTraining.CrossValidate(corpus, opts, new StderrProgress(stderr, "cross-validation"));
            stdout.WriteLine($"govmsg labelled, {opts.Folds}-fold CV: {cv.Report()}");
            meta["cv.macroF1"] = cv.MacroF1.ToString("F4");
        }
        var model = CategoryTraining.Train(corpus, corpus.Labelled, opts, meta, new StderrProgress(stderr, "final model"));
        var held = ShortPostSets.CategoryHeldOut();
        if (held.Count > 0)
        {
            var cls = new CategoryClassifier(model);
            var m = new Metrics();
            foreach (var e in held) m.Add(e.Label, cls.Classify(e.Text).Category);
            stdout.WriteLine($"hand-written short posts (held out): {m.Report()}");
        }
        if (!o.Has("no-save"))
        {
            var path = Path.Combine(CliPaths.ModelsDirectory(o), CategoryClassifier.ModelFileName);
            ModelFile.Save(model, path);
            stderr.WriteLine($"wrote {path}");
        }
        stderr.WriteLine($"done in {sw.Elapsed.TotalSeconds:F1}s");
        return 0;
    }
}
