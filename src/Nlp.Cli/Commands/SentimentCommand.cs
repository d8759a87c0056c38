using System.Globalization;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>sentiment: stdin lines → "pos|neg TAB P(pos) TAB P(angry)".</summary>
public sealed class SentimentCommand : ICliCommand
{
    public string Name => "sentiment";

    public string Usage => "  pos|neg<TAB>P(pos)<TAB>P(angry) per line";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        CliOptions.Parse(args, [], []);
        var analyzer = SentimentAnalyzer.Default;
        return LineProcessor.Run(input, output, error, Name, line =>
        {
            var r = analyzer.Analyze(line);
            return string.Create(CultureInfo.InvariantCulture,
                $"{(r.Polarity == Polarity.Positive ? "pos" : "neg")}\t{r.Score:F4}\t{r.Anger:F4}");
        });
    }
}
