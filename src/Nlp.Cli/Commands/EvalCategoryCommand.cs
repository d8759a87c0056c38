using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>
/// eval-category: the shipped category model on the hand-written held-out posts (or --file). The govmsg figure
/// is a cross-validation and comes from train-category, since the shipped model saw all 345 messages.
/// </summary>
public sealed class EvalCategoryCommand : ICliCommand
{
    public string Name => "eval-category";

    public string Usage => "[--file TSV]   accuracy/macro-F1 of the shipped category model on hand-written held-out posts";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var o = CliOptions.Parse(args, [], ["--file"]);
        List<ShortPostSets.ShortPost> posts;
        if (o.Value("--file") is { } file)
        {
            using var reader = CliPaths.OpenExisting(file);
            posts = ShortPostSets.Read(reader);
        }
        else posts = ShortPostSets.HandWrittenHeldOut();
        var m = new Metrics();
        foreach (var p in posts.Where(p => p.Category is not null)) m.Add(p.Category!, CategoryClassifier.Default.Classify(p.Text).Category);
        output.WriteLine(m.Report());
        return 0;
    }
}
