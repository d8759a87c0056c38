using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>
/// Shipped category model on the hand-written held-out posts (or --file). The govmsg figure is a
/// cross-validation and comes from train-category, since the shipped model saw all 345 messages.
/// </summary>
public sealed class EvalCategoryCommand : ICliCommand
{
    public string Name => "eval-category";
    public string Summary => "accuracy/macro-F1 of the shipped category model on hand-written held-out posts [--file TSV]";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var o = CliOptions.Parse(args);
        o.OnlyKnown("file");
        var posts = o.Has("file") ? ShortPostSets.Read(new StreamReader(o.Get("file", ""))) : ShortPostSets.HandWrittenHeldOut();
        var m = new Metrics();
        foreach (var p in posts.Where(p => p.Category is not null)) m.Add(p.Category!, CategoryClassifier.Default.Classify(p.Text).Category);
        stdout.WriteLine(m.Report());
        return 0;
    }
}
