using System.Diagnostics;

namespace CityMatrix.Metrics.Bench;

public static class Timing
{
    /// <summary>Runs <paramref name="work"/> once to warm up, then <paramref name="repeat"/> times; the median in ms and the last result.</summary>
    public static async Task<(double Median, T Result)> MedianAsync<T>(int repeat, Func<Task<T>> work)
    {
        var result = await work();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], result);
    }
}
