using System.Diagnostics;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Bench;

/// <summary>Cold start in this (fresh) process: building the default segmenter from the embedded data, then the first cut.</summary>
internal static class StartupBenchmark
{
    public static int Run(BenchArgs args)
    {
        var process = Process.GetCurrentProcess();
        var sinceProcessStart = DateTime.Now - process.StartTime;
        var sw = Stopwatch.StartNew();
        var jiebaOnly = JiebaSegmenter.CreateJiebaOnly();
        var jiebaMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var segmenter = JiebaSegmenter.CreateDefault();
        var defaultMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var tokens = segmenter.Cut("兴庆区凤凰北街暖气不热，供热公司一直不处理。");
        var firstCutMs = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"runtime start → Main: {sinceProcessStart.TotalMilliseconds:F0} ms");
        Console.WriteLine($"JiebaSegmenter.CreateJiebaOnly (first, cold JIT): {jiebaMs:F0} ms, {jiebaOnly.WordCount} words");
        Console.WriteLine($"JiebaSegmenter.CreateDefault (second, warm JIT): {defaultMs:F0} ms, {segmenter.WordCount} words");
        Console.WriteLine($"first Cut: {firstCutMs:F1} ms → {string.Join(' ', tokens)}");
        return 0;
    }
}
