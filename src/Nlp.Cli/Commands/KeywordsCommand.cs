using System.Globalization;
using CityMatrix.Nlp.Keywords;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>keywords: the top TF-IDF keywords of each line, best first, separated by spaces.</summary>
public sealed class KeywordsCommand : ICliCommand
{
    public string Name => "keywords";

    public string Usage => "[--top N] [--weights]   keywords separated by spaces (--weights: word:weight)";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var options = CliOptions.Parse(args, ["--weights"], ["--top"]);
        var top = options.Int("--top", 5, 1, 1000);
        var weights = options.Has("--weights");
        var extractor = KeywordExtractor.Default;
        return LineProcessor.Run(input, output, error, Name, line =>
            string.Join(' ', extractor.Extract(line, top).Select(k =>
                weights ? $"{k.Word}:{k.Weight.ToString("0.######", CultureInfo.InvariantCulture)}" : k.Word)));
    }
}
