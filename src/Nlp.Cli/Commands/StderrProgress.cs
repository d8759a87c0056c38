namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>A one-line "label NN%" progress indicator on stderr, redrawn at most once per percent.</summary>
public sealed class StderrProgress(TextWriter stderr, string label) : IProgress<double>
{
    private int _last = -1;
    private readonly Lock _gate = new();

    public void Report(double value)
    {
        int pct = (int)Math.Clamp(value * 100, 0, 100);
        lock (_gate)
        {
            if (pct == _last) return;
            _last = pct;
            stderr.Write($"\r{label} {pct,3}%");
            if (pct == 100) stderr.WriteLine();
            stderr.Flush();
        }
    }
}
