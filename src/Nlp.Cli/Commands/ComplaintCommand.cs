using System.Globalization;
using CityMatrix.Nlp.Complaints;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>complaint: stdin lines → "1|0 TAB P(complaint)".</summary>
public sealed class ComplaintCommand : ICliCommand
{
    public string Name => "complaint";

    public string Usage => "  1|0<TAB>P(complaint) per line";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        CliOptions.Parse(args, [], []);
        var detector = ComplaintDetector.Default;
        return LineProcessor.Run(input, output, error, Name, line =>
        {
            var r = detector.Detect(line);
            return string.Create(CultureInfo.InvariantCulture, $"{(r.IsComplaint ? 1 : 0)}\t{r.Score:F4}");
        });
    }
}
