using System.Globalization;
using CityMatrix.Nlp.Complaints;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>stdin lines → "1|0 TAB P(complaint)".</summary>
public sealed class ComplaintCommand : ICliCommand
{
    public string Name => "complaint";
    public string Summary => "one line per input line: 1|0<TAB>score";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        CliOptions.Parse(args).OnlyKnown();
        var detector = ComplaintDetector.Default;
        return LineProcessor.Run(stdin, stdout, stderr, line =>
        {
            var r = detector.Detect(line);
            return string.Create(CultureInfo.InvariantCulture, $"{(r.IsComplaint ? 1 : 0)}\t{r.Score:F4}");
        });
    }
}
