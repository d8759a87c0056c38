using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityMatrix.EndToEnd.Tests.Infrastructure;

namespace CityMatrix.EndToEnd.Tests;

/// <summary>kill -9 during batches of posts: every acknowledged post is there after a restart, none twice.</summary>
public sealed class IngestionCrashTests : IDisposable
{
    private readonly ServerDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static readonly string[] Texts =
    [
        "兴庆区凤凰北街崇安社区暖气一点都不热，家里才15度，热力公司什么时候能管管？",
        "金凤区正源街这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管",
        "西夏区怀远路的路灯坏了一个多月了，晚上走路太危险，什么时候修？",
        "今天和朋友去西夏区吃了手抓羊肉，太好吃了",
    ];

    private static string Line(string id, int i) => JsonSerializer.Serialize(new
    {
        platform = "weibo", postId = id, author = new { id = $"crash-{i % 37}" }, text = Texts[i % Texts.Length], createdAt = DateTimeOffset.UtcNow,
    });

    [Fact]
    public async Task Server_killed_during_batches_loses_no_acknowledged_post_and_duplicates_none_after_restart()
    {
        var acknowledged = new ConcurrentDictionary<string, string?>(); // post id → case id
        var sent = new ConcurrentBag<string>();
        await using (var server = await ServerProcess.StartAsync(_directory.Path, "--Auth:DemoUsers=true"))
        {
            using var client = await server.SignedInClientAsync("weibo-connector", "cm-demo-2026");
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var b = 0; !stop.IsCancellationRequested; b++)
                {
                    var ids = Enumerable.Range(0, 25).Select(i => $"w{w}-b{b}-{i}").ToList();
                    foreach (var id in ids) sent.Add(id);
                    try
                    {
                        var body = string.Join('\n', ids.Select((id, i) => Line(id, i + b)));
                        var response = await client.PostAsync("/api/posts/batch", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
                        if (response.StatusCode != HttpStatusCode.Accepted) continue;
                        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
                        foreach (var line in result.GetProperty("lines").EnumerateArray())
                        {
                            var receipt = line.GetProperty("receipt");
                            acknowledged[receipt.GetProperty("postId").GetString()!] = receipt.GetProperty("caseId").GetString();
                        }
                    }
                    // The kill can land while a response is being sent or read: no connection, a cut body, a timeout.
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                    {
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline) await Task.Delay(20);
            await server.KillHardAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(300);
        await using var restarted = await ServerProcess.StartAsync(_directory.Path);
        try
        {
            await CheckAfterRestartAsync(restarted, acknowledged, sent);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException($"The restarted server failed a request. Its log:\n{restarted.RecentOutput}", e);
        }
    }

    private static async Task CheckAfterRestartAsync(ServerProcess restarted, ConcurrentDictionary<string, string?> acknowledged, ConcurrentBag<string> sent)
    {
        using var check = await restarted.SignedInClientAsync("weibo-connector", "cm-demo-2026");
        using var manager = await restarted.SignedInClientAsync("wzyc", "cm-demo-2026");
        foreach (var (postId, caseId) in acknowledged)
        {
            var stored = await check.GetFromJsonAsync<JsonElement>($"/api/posts/weibo/{postId}");
            stored.GetProperty("caseId").GetString().ShouldBe(caseId);
            if (caseId is null) continue;
            var @case = await manager.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            @case.GetProperty("posts").EnumerateArray().Count(p => p.GetProperty("postId").GetString() == postId).ShouldBe(1);
        }

        // Sending everything again after the restart (as a connector would) duplicates nothing.
        var resend = sent.Take(100).ToList();
        var again = await check.PostAsync("/api/posts/batch", new StringContent(
            string.Join('\n', resend.Select((id, i) => Line(id, i))), Encoding.UTF8, "application/x-ndjson"));
        var lines = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray().ToList();
        foreach (var line in lines)
        {
            var receipt = line.GetProperty("receipt");
            var postId = receipt.GetProperty("postId").GetString()!;
            if (acknowledged.TryGetValue(postId, out var firstCase)) receipt.GetProperty("caseId").GetString().ShouldBe(firstCase);
        }
    }
}
