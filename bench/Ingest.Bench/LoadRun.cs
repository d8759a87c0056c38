using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityMatrix.Ingest.Bench;

public sealed record LoadResult(double PostsPerSecond, double CaseShare, double P50, double P99, double Max, int Errors);

/// <summary>Sends posts with C workers (closed loop), or at a fixed rate (open loop, latency from the scheduled send time).</summary>
public static class LoadRun
{
    private static int _sequence;

    public static async Task<LoadResult> RunAsync(HttpClient client, PostGenerator generator, int posts, int concurrency, int rate, string prefix)
    {
        var latencies = new double[posts];
        var cases = 0;
        var errors = 0;
        var next = -1;
        var texts = Enumerable.Range(0, posts).Select(_ => generator.Next().Text).ToArray();
        // Started once the texts are made (see BatchLoadRun).
        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];

        async Task Send(int i, double scheduledMs)
        {
            var body = new
            {
                platform = "weibo", postId = $"{prefix}-{run}-{i}", author = new { id = $"bench-{Interlocked.Increment(ref _sequence) % 5000}" },
                text = texts[i], createdAt = DateTimeOffset.UtcNow,
            };
            try
            {
                using var response = await client.PostAsJsonAsync("/api/posts", body);
                if (response.StatusCode != HttpStatusCode.Accepted) { Interlocked.Increment(ref errors); return; }
                var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (receipt.GetProperty("caseId").ValueKind == JsonValueKind.String) Interlocked.Increment(ref cases);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                latencies[i] = clock.Elapsed.TotalMilliseconds - scheduledMs;
            }
        }

        if (rate > 0)
        {
            var sends = new List<Task>(posts);
            for (var i = 0; i < posts; i++)
            {
                var due = i * 1000.0 / rate;
                var wait = due - clock.Elapsed.TotalMilliseconds;
                if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
                sends.Add(Send(i, due));
            }
            await Task.WhenAll(sends);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < posts) await Send(i, clock.Elapsed.TotalMilliseconds);
            })));
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        return new LoadResult(posts / elapsed, (double)cases / posts, Percentile(0.5), Percentile(0.99), latencies[^1], errors);
    }
}
