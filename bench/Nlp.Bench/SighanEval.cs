using System.Diagnostics;
using System.Text.RegularExpressions;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Bench;

/// <summary>SIGHAN 2005 PKU test: segment with jieba's dictionary (HMM on) and score with the bakeoff's perl script.</summary>
internal static partial class SighanEval
{
    public static int Run(BenchArgs args)
    {
        var dir = Path.Combine(args.DataDir, "sighan2005");
        var segmenter = args.Has("--default") ? JiebaSegmenter.Default : JiebaSegmenter.CreateJiebaOnly();
        var hmm = !args.Has("--no-hmm");
        var output = Path.Combine(Path.GetTempPath(), $"cm-pku-seg-{Environment.ProcessId}.utf8");
        // Keep every line (the scorer aligns lines); whitespace tokens are separators, not words.
        var lines = File.ReadAllLines(Path.Combine(dir, "pku_test.utf8"));
        File.WriteAllLines(output, lines.Select(l => string.Join(' ', segmenter.Cut(l.TrimEnd('\r'), hmm).Where(t => !string.IsNullOrWhiteSpace(t)))));
        var psi = new ProcessStartInfo("perl", [Path.Combine(dir, "score"), Path.Combine(dir, "pku_training_words.utf8"), Path.Combine(dir, "pku_test_gold.utf8"), output])
        {
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi)!;
        var report = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(output);
        var summary = report[(report.LastIndexOf("=== SUMMARY", StringComparison.Ordinal) is var s and >= 0 ? s : 0)..];
        Console.WriteLine(summary.Trim());
        var f = FMeasure().Match(summary);
        if (!f.Success) return 1;
        var f1 = double.Parse(f.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"SIGHAN 2005 PKU F1 (hmm={hmm}): {f1:F3}");
        return f1 >= 0.818 ? 0 : 1;
    }

    [GeneratedRegex(@"=== F MEASURE:\s*([0-9.]+)")]
    private static partial Regex FMeasure();
}
