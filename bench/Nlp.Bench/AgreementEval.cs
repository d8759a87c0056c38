using System.Text.Json;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Bench;

/// <summary>Share of lines our segmenter cuts exactly as @node-rs/jieba does (same dictionary, same HMM setting).</summary>
internal static class AgreementEval
{
    public static int Run(BenchArgs args)
    {
        var hmm = !args.Has("--no-hmm");
        var lines = BenchArgs.ReadLines(args.PkuTest);
        var engine = args.Value("--engine") ?? "node-rs";
        var oracleOut = NodeRunner.Run("oracle.js", $"--engine {engine}" + (hmm ? "" : " --no-hmm"), string.Join('\n', lines) + "\n");
        var expected = oracleOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<string[]>(l)!).ToList();
        if (expected.Count != lines.Count) throw new InvalidOperationException($"oracle returned {expected.Count} lines for {lines.Count}");

        var segmenter = args.Has("--default") ? JiebaSegmenter.Default : JiebaSegmenter.CreateJiebaOnly();
        var same = 0;
        var shown = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var ours = segmenter.Cut(lines[i], hmm);
            if (ours.SequenceEqual(expected[i])) { same++; continue; }
            if (shown++ < 10)
            {
                Console.WriteLine($"line {i + 1}:");
                Console.WriteLine("  jieba: " + string.Join(" | ", expected[i]));
                Console.WriteLine("  ours:  " + string.Join(" | ", ours));
            }
        }
        var pct = 100.0 * same / lines.Count;
        Console.WriteLine($"agreement with {engine} (hmm={hmm}) on {Path.GetFileName(args.PkuTest)}: {same}/{lines.Count} lines = {pct:F3}%");
        return pct >= 99.9 ? 0 : 1;
    }
}
