using System.Globalization;
using CityMatrix.Nlp.Categories;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>stdin lines → "category TAB topic-or-empty TAB score".</summary>
public sealed class ClassifyCommand : ICliCommand
{
    public string Name => "classify";
    public string Summary => "one line per input line: category<TAB>topic (may be empty)<TAB>score";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        CliOptions.Parse(args).OnlyKnown();
        var classifier = CategoryClassifier.Default;
        return LineProcessor.Run(stdin, stdout, stderr, line =>
        {
            var r = classifier.Classify(line);
            return string.Create(CultureInfo.InvariantCulture, $"{r.Category}\t{r.Topic}\t{r.Score:F4}");
        });
    }
}
