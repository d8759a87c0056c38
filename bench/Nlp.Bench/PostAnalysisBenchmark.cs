using System.Diagnostics;
using System.Globalization;
using CityMatrix.Ingest.Bench;
using CityMatrix.Nlp.Tests.Reference;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Bench;

/// <summary>
/// Per-post NLP cost, old vs new in one process: the per-model path NlpPostAnalyzer used to take (a frozen copy,
/// tests/Nlp.Tests/Reference/OriginalPostNlp.cs) against <see cref="PostNlp.Analyze"/>, over Weibo-style posts
/// (bench/Ingest.Bench's generator, the hand-written posts and the complaint templates), one thread. Rounds alternate
/// old and new so that machine noise hits both; the median round is reported. Urgency rules (Silo) are not included.
/// </summary>
internal static class PostAnalysisBenchmark
{
    public static int Run(BenchArgs args)
    {
        var rounds = int.Parse(args.Value("--rounds") ?? "5", CultureInfo.InvariantCulture);
        var generated = int.Parse(args.Value("--posts") ?? "1000", CultureInfo.InvariantCulture);
        var generator = new PostGenerator(1);
        var texts = Enumerable.Range(0, generated).Select(_ => generator.Next().Text)
            .Concat(ShortPostSets.HandWrittenHeldOut().Select(p => p.Text))
            .Concat(ShortPostSets.HandWrittenTrain().Select(p => p.Text))
            .Concat(ShortPostSets.Templates(300, 300, 3).Select(p => p.Text))
            .ToArray();

        // Load everything and let tiered JIT settle before timing.
        var sw = Stopwatch.StartNew();
        PostNlp.Default.Analyze("暖气不热");
        var loadMs = sw.Elapsed.TotalMilliseconds;
        int mismatches = 0;
        for (int w = 0; w < 3; w++)
            foreach (var t in texts)
            {
                var a = OriginalPostNlp.Analyze(t);
                var b = PostNlp.Default.Analyze(t);
                if (a.PolarityScore != b.Sentiment.Score || a.Anger != b.Sentiment.Anger || a.ComplaintScore != b.Complaint.Score
                    || a.CategoryScore != b.Category.Score || a.Category != b.Category.Category || a.Topic != b.Category.Topic
                    || a.Tokens != b.SearchTokens || !a.Keywords.SequenceEqual(b.Keywords) || !a.Places.SequenceEqual(b.PlaceCodes))
                    mismatches++;
            }

        var old = new List<(double Us, double Bytes)>();
        var fresh = new List<(double Us, double Bytes)>();
        for (int r = 0; r < rounds; r++)
        {
            old.Add(Measure(texts, t => OriginalPostNlp.Analyze(t)));
            fresh.Add(Measure(texts, t => PostNlp.Default.Analyze(t)));
        }
        var (oldUs, oldBytes) = Median(old);
        var (newUs, newBytes) = Median(fresh);
        Console.WriteLine($"posts: {texts.Length} ({generated} generated, {texts.Length - generated} hand-written/template), avg {texts.Average(t => t.Length):F1} chars; 1 thread; median of {rounds} alternating rounds; models loaded in {loadMs:F0} ms; mismatches old/new: {mismatches}");
        Console.WriteLine($"{"path",-34} {"µs/post",9} {"B/post",9} {"posts/s",9}");
        Console.WriteLine($"{"old (per-model calls)",-34} {oldUs,9:F1} {oldBytes,9:F0} {1e6 / oldUs,9:F0}");
        Console.WriteLine($"{"new (PostNlp.Analyze)",-34} {newUs,9:F1} {newBytes,9:F0} {1e6 / newUs,9:F0}");
        Console.WriteLine($"new/old time: {newUs / oldUs:F2}, allocation: {newBytes / oldBytes:F2}");
        return mismatches == 0 ? 0 : 1;
    }

    private static (double Us, double Bytes) Measure(string[] texts, Action<string> analyze)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        foreach (var t in texts) analyze(t);
        var us = sw.Elapsed.TotalMicroseconds / texts.Length;
        return (us, (GC.GetAllocatedBytesForCurrentThread() - before) / (double)texts.Length);
    }

    private static (double Us, double Bytes) Median(List<(double Us, double Bytes)> runs)
    {
        var sorted = runs.OrderBy(r => r.Us).ToList();
        return sorted[sorted.Count / 2];
    }
}
