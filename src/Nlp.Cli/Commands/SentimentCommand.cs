using System.Globalization;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>stdin lines → "pos|neg TAB P(pos) TAB P(angry)".</summary>
public sealed class SentimentCommand : ICliCommand
{
    public string Name => "sentiment";
    public string Summary => "one line per input line: pos|neg<TAB>score<TAB>anger";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        CliOptions.Parse(args).OnlyKnown();
        var analyzer = SentimentAnalyzer.Default;
        return LineProcessor.Run(stdin, stdout, stderr, line =>
        {
            var r = analyzer.Analyze(line);
            return string.Create(CultureInfo.InvariantCulture,
                $"{(r.Polarity == Polarity.Positive ? "pos" : "neg")}\t{r.Score:F4}\t{r.Anger:F4}");
        });
    }
}
