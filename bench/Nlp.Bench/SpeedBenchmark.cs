using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Bench;

/// <summary>
/// Segmentation throughput on the same text as the node peers: the file's non-empty lines repeated N times,
/// one call per line, one thread. Ours runs first (Cut returning strings, as the peers return arrays of
/// strings; then CutRanges), then bench/jieba-peers/speed.js in a child process.
/// </summary>
internal static class SpeedBenchmark
{
    public static int Run(BenchArgs args)
    {
        var repeat = int.Parse(args.Value("--repeat") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var rounds = int.Parse(args.Value("--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var hmm = !args.Has("--no-hmm");
        var lines = BenchArgs.ReadLines(args.PkuTest);
        var bytes = (double)lines.Sum(l => Encoding.UTF8.GetByteCount(l)) * repeat;
        var mb = bytes / 1e6;

        var sw = Stopwatch.StartNew();
        var segmenter = JiebaSegmenter.CreateJiebaOnly();
        var loadMs = sw.Elapsed.TotalMilliseconds;
        for (var i = 0; i < 2000; i++) segmenter.Cut(lines[i % lines.Count], hmm); // warm-up / tiered JIT

        var (cutSeconds, cutTokens, cutAlloc) = Measure(rounds, () =>
        {
            long tokens = 0;
            for (var r = 0; r < repeat; r++)
                foreach (var line in lines) tokens += segmenter.Cut(line, hmm).Count;
            return tokens;
        });
        var ranges = new List<TokenRange>(4096);
        var (rangeSeconds, rangeTokens, rangeAlloc) = Measure(rounds, () =>
        {
            long tokens = 0;
            for (var r = 0; r < repeat; r++)
                foreach (var line in lines)
                {
                    ranges.Clear();
                    segmenter.CutRanges(line, ranges, hmm);
                    tokens += ranges.Count;
                }
            return tokens;
        });

        var peers = NodeRunner.Run("speed.js", $"\"{args.PkuTest}\" --repeat {repeat} --rounds {rounds}" + (hmm ? "" : " --no-hmm"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();

        var oursMbs = mb / cutSeconds;
        Console.WriteLine($"input: {Path.GetFileName(args.PkuTest)} ×{repeat} = {mb:F2} MB UTF-8, {lines.Count * repeat} lines, one call per line, 1 thread, hmm={hmm}; median of {rounds} rounds");
        Console.WriteLine($"{"segmenter",-34} {"MB/s",8} {"ratio",7} {"tokens",9} {"alloc B/MB",12} {"load ms",8}");
        Console.WriteLine($"{"CityMatrix Cut (strings)",-34} {oursMbs,8:F2} {1.0,7:F2} {cutTokens,9} {cutAlloc / mb,12:F0} {loadMs,8:F0}");
        Console.WriteLine($"{"CityMatrix CutRanges (ranges)",-34} {mb / rangeSeconds,8:F2} {mb / rangeSeconds / oursMbs,7:F2} {rangeTokens,9} {rangeAlloc / mb,12:F0} {"",8}");
        foreach (var peer in peers)
        {
            var name = peer.GetProperty("peer").GetString();
            if (peer.TryGetProperty("error", out var error)) { Console.WriteLine($"{name,-34} {error.GetString()}"); continue; }
            var mbs = peer.GetProperty("mbPerSec").GetDouble();
            Console.WriteLine($"{name,-34} {mbs,8:F2} {mbs / oursMbs,7:F2} {peer.GetProperty("tokens").GetInt64(),9} {"",12} {peer.GetProperty("loadMs").GetDouble(),8:F0}");
        }
        foreach (var peer in peers.Where(p => !p.TryGetProperty("error", out _)))
            Console.WriteLine($"ours / {peer.GetProperty("peer").GetString()}: {oursMbs / peer.GetProperty("mbPerSec").GetDouble():F2}x");
        return 0;
    }

    /// <summary>Median time of <paramref name="rounds"/> runs; allocation of one run.</summary>
    private static (double Seconds, long Tokens, long AllocatedBytes) Measure(int rounds, Func<long> body)
    {
        var times = new List<double>();
        long tokens = 0, allocated = 0;
        for (var r = 0; r < rounds; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            tokens = body();
            times.Add(sw.Elapsed.TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        times.Sort();
        return (times[times.Count / 2], tokens, allocated);
    }
}
