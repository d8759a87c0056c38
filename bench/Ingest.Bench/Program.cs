using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CityMatrix.Ingest.Bench;

// Ingest benchmark: realistic posts through HTTP into the real server (a child process), server and load
// tool on this machine. Reports sustained posts/s, share of posts that became cases, post → forwarded-case
// latency (the 202 carries the forwarded case), and the raw insert rate of the same store in the same run.
//   dotnet run --project bench/Ingest.Bench -c Release -- [--provider sqlite|postgres|both] [--posts N] [--concurrency C] [--rate R] [--batch B] [--warmup N] [--timeline]
// --batch B sends NDJSON batches of B posts to /api/posts/batch (a connector); without it, one post per POST /api/posts.
// --timeline (with --batch) prints, per half second of the measured run, the posts answered and their worst and median latency.
// CPU µs/post is the CPU time the server (and the load tool) used during the measured run per post: unlike posts/s, it
// hardly moves when other work shares the cores, so it compares builds on a busy machine. Server KB written/post is
// what the server passed to write calls per post (database, WAL, SQLite temp files, sockets; Linux /proc only).
var options = BenchOptions.Parse(args);
var root = BenchOptions.RepositoryRoot();
Console.WriteLine($"posts={options.Posts} concurrency={options.Concurrency} rate={(options.Rate > 0 ? options.Rate + "/s" : "closed loop")} batch={(options.Batch > 0 ? options.Batch : "none (one post per request)")} cores={Environment.ProcessorCount}");
Console.WriteLine("| store | posts/s | cases | p50 ms | p99 ms | max ms | errors | server RSS MB | server CPU µs/post | load tool CPU µs/post | server KB written/post | raw inserts/s (1 row/txn, same store) | ratio |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var provider in options.Providers)
{
    var store = await BenchStore.CreateAsync(provider, root);
    using var server = await ServerProcess.StartAsync(root, store.ServerSettings);
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60),
    };
    var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "weibo-connector", password = "cm-demo-2026" });
    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    client.DefaultRequestHeaders.Authorization = new("Bearer", token);

    var generator = new PostGenerator(seed: 42);
    Task<LoadResult> Run(int posts, int rate, string prefix) => options.Batch > 0
        ? BatchLoadRun.RunAsync(client, generator, posts, options.Concurrency, rate, options.Batch, prefix, timeline: options.Timeline && prefix == "run")
        : LoadRun.RunAsync(client, generator, posts, options.Concurrency, rate, prefix);
    await Run(options.Warmup, 0, "warm");
    // Then five seconds at the run's own rate (open loop): after the closed-loop warm-up alone, the server's tiered JIT
    // was still promoting the hot methods in the run's first seconds (about 600 tier-1 compiles, a sixth of the CPU for
    // two seconds: p50 up to 130 ms there against 25 ms after), since methods are only counted for promotion a while
    // after new code stops being compiled, and the quiet wait below calls nothing. The run measures the server warm.
    if (options.Rate > 0 && options.Warmup > 0) await Run(options.Rate * 5, options.Rate, "warm-rate");
    // The warm-up runs closed-loop (as fast as the server answers) and leaves work behind it: chunks still being
    // numbered for live delivery, posts to index, a WAL to checkpoint. Measured from the first post of the run, that
    // backlog put the run's first seconds behind by a few hundred ms, which at a rate near capacity takes seconds to
    // catch up. So the run starts once the server has been quiet for a second (under 10 % of a core; at most 30 s).
    var settled = await server.WaitUntilQuietAsync(TimeSpan.FromSeconds(1), 0.10, TimeSpan.FromSeconds(30));
    Console.Error.WriteLine($"warm-up done; the server was quiet after {settled.TotalSeconds:F1} s");
    var (serverCpu, toolCpu, written) = (server.CpuTime, Process.GetCurrentProcess().TotalProcessorTime, server.WrittenBytes);
    var result = await Run(options.Posts, options.Rate, "run");
    var serverUs = (server.CpuTime - serverCpu).TotalMicroseconds / options.Posts;
    var toolUs = (Process.GetCurrentProcess().TotalProcessorTime - toolCpu).TotalMicroseconds / options.Posts;
    var writtenKb = server.WrittenBytes - written is { } bytes ? (bytes / 1024.0 / options.Posts).ToString("F1") : "n/a";
    var rss = server.WorkingSetBytes / 1024 / 1024;
    var raw = await store.RawInsertRateAsync(options.Posts, options.Concurrency);
    Console.WriteLine($"| {provider} | {result.PostsPerSecond:F0} | {result.CaseShare:P0} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | {result.Errors} | {rss} | {serverUs:F0} | {toolUs:F0} | {writtenKb} | {raw:F0} | {result.PostsPerSecond / raw:F2} |");
    await store.DisposeAsync();
}
