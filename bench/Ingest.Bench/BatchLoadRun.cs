using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CityMatrix.Ingest.Bench;

/// <summary>
/// A connector's load: posts sent as NDJSON batches of B to <c>POST /api/posts/batch</c>. Closed loop: C batches in
/// flight, latency = the batch's round trip. Open loop at R posts/s: post i arrives at i/R, a batch leaves when
/// its last post has arrived, and each post's latency runs from its own arrival (the wait to fill the batch counts).
/// </summary>
public static class BatchLoadRun
{
    private static int _sequence;

    public static async Task<LoadResult> RunAsync(HttpClient client, PostGenerator generator, int posts, int concurrency, int rate, int batchSize, string prefix, bool timeline = false)
    {
        var latencies = new double[posts];
        var doneAt = new double[posts];
        var cases = 0;
        var errors = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        var lines = Enumerable.Range(0, posts).Select(i => JsonSerializer.Serialize(new
        {
            platform = "weibo", postId = $"{prefix}-{run}-{i}", author = new { id = $"bench-{Interlocked.Increment(ref _sequence) % 5000}" },
            text = generator.Next().Text, createdAt = DateTimeOffset.UtcNow,
        })).ToArray();
        // Started once the lines are made: making them takes a few hundred ms, which would otherwise count as the
        // first posts' wait in the open loop (and as run time in the rate).
        var clock = Stopwatch.StartNew();
        double Arrival(int i) => rate > 0 ? i * 1000.0 / rate : double.NaN;

        static string Truncated(string text) => text.Length <= 500 ? text : text[..500] + "…";

        async Task Send(int first, int count)
        {
            var body = new StringBuilder();
            for (var i = first; i < first + count; i++) body.Append(lines[i]).Append('\n');
            var sent = clock.Elapsed.TotalMilliseconds;
            try
            {
                using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
                using var response = await client.PostAsync("/api/posts/batch", content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    // The first failed batch says why (the row alone only counts them).
                    if (Interlocked.Add(ref errors, count) == count)
                        Console.Error.WriteLine($"first failed batch: {(int)response.StatusCode} {Truncated(await response.Content.ReadAsStringAsync())}");
                    return;
                }
                var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                foreach (var line in result.GetProperty("lines").EnumerateArray())
                {
                    if (line.GetProperty("receipt").ValueKind != JsonValueKind.Object) Interlocked.Increment(ref errors);
                    else if (line.GetProperty("receipt").GetProperty("caseId").ValueKind == JsonValueKind.String) Interlocked.Increment(ref cases);
                }
            }
            catch (Exception e)
            {
                if (Interlocked.Add(ref errors, count) == count) Console.Error.WriteLine($"first failed batch: {e.GetType().Name}: {Truncated(e.Message)}");
            }
            finally
            {
                var done = clock.Elapsed.TotalMilliseconds;
                for (var i = first; i < first + count; i++)
                {
                    latencies[i] = done - (rate > 0 ? Arrival(i) : sent);
                    doneAt[i] = done;
                }
            }
        }

        if (rate > 0)
        {
            var sends = new List<Task>();
            for (var first = 0; first < posts; first += batchSize)
            {
                var count = Math.Min(batchSize, posts - first);
                var wait = Arrival(first + count - 1) - clock.Elapsed.TotalMilliseconds;
                if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
                sends.Add(Send(first, count));
            }
            await Task.WhenAll(sends);
        }
        else
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int b;
                while ((b = Interlocked.Increment(ref next)) * batchSize < posts) await Send(b * batchSize, Math.Min(batchSize, posts - b * batchSize));
            })));
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        // --timeline: per half second of the run, the posts answered then and their worst and median latency, to tell a
        // warm-up or a periodic stall from a steady tail.
        if (timeline)
        {
            foreach (var window in Enumerable.Range(0, posts).GroupBy(i => (int)(doneAt[i] / 500)).OrderBy(g => g.Key))
            {
                var inWindow = window.Select(i => latencies[i]).Order().ToArray();
                Console.Error.WriteLine($"timeline {window.Key * 0.5:F1}s answered={inWindow.Length} max={inWindow[^1]:F0}ms p50={inWindow[inWindow.Length / 2]:F0}ms");
            }
        }
        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        return new LoadResult(posts / elapsed, (double)cases / posts, Percentile(0.5), Percentile(0.99), latencies[^1], errors);
    }
}
