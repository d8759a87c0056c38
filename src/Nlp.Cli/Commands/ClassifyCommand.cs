using System.Globalization;
using CityMatrix.Nlp.Categories;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>classify: stdin lines → "category TAB topic-or-empty TAB score".</summary>
public sealed class ClassifyCommand : ICliCommand
{
    public string Name => "classify";

    public string Usage => "  category<TAB>topic (may be empty)<TAB>score per line";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        CliOptions.Parse(args, [], []);
        var classifier = CategoryClassifier.Default;
        return LineProcessor.Run(input, output, error, Name, line =>
        {
            var r = classifier.Classify(line);
            return string.Create(CultureInfo.InvariantCulture, $"{r.Category}\t{r.Topic}\t{r.Score:F4}");
        });
    }
}
