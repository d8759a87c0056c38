using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityMatrix.EndToEnd.Tests.Infrastructure;

namespace CityMatrix.EndToEnd.Tests;

/// <summary>kill -9 of the server in the middle of work: whatever was acknowledged is there after a restart.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly ServerDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Server_killed_mid_work_loses_no_acknowledged_case_or_transition()
    {
        var opened = new ConcurrentDictionary<string, string>();
        var forwarded = new ConcurrentBag<string>();
        int accounts;
        await using (var server = await ServerProcess.StartAsync(_directory.Path, "--Auth:DemoUsers=true"))
        {
            using var client = await server.SignedInClientAsync("wzyc", "cm-demo-2026");
            accounts = (await client.GetFromJsonAsync<JsonElement>("/api/accounts")).GetArrayLength();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var text = $"worker {w} complaint {i}: 西夏区怀远路路灯不亮";
                        var response = await client.PostAsJsonAsync("/api/cases", new { citizenId = $"c{w}", text, category = "城乡建设", topic = "市政设施" });
                        if (response.StatusCode != HttpStatusCode.Created) continue;
                        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                        opened[id] = text;
                        var forward = await client.PostAsJsonAsync($"/api/cases/{id}/forward", new
                        {
                            actingAccountId = "wzyc", toAccountId = "district-640105", deadline = DateTimeOffset.UtcNow.AddDays(7),
                        });
                        if (forward.StatusCode == HttpStatusCode.OK) forwarded.Add(id);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                    {
                        // The server is gone (possibly mid-response): what was acknowledged so far is what must survive.
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (forwarded.Count < 150 && DateTime.UtcNow < deadline) await Task.Delay(20);
            await server.KillHardAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        forwarded.Count.ShouldBeGreaterThanOrEqualTo(150);
        await using var restarted = await ServerProcess.StartAsync(_directory.Path);
        using var check = await restarted.SignedInClientAsync("wzyc", "cm-demo-2026");
        (await check.GetFromJsonAsync<JsonElement>("/api/accounts")).GetArrayLength().ShouldBe(accounts);
        foreach (var (id, text) in opened)
        {
            var stored = await check.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
            stored.GetProperty("text").GetString().ShouldBe(text);
        }
        foreach (var id in forwarded)
        {
            var stored = await check.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
            stored.GetProperty("state").GetString().ShouldBe("Forwarded");
            stored.GetProperty("accountId").GetString().ShouldBe("district-640105");
            stored.GetProperty("timeline").GetArrayLength().ShouldBe(2);
        }
    }
}
