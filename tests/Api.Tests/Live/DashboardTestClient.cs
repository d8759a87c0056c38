using System.Text.Json;
using System.Threading.Channels;
using CityMatrix.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Live;

/// <summary>A dashboard client of /hubs/dashboard: "event" messages are queued in arrival order for the test to read.</summary>
public sealed class DashboardTestClient : SignalRJsonClient
{
    private readonly ChannelReader<JsonElement> _events;

    private DashboardTestClient() : base(TimeSpan.FromSeconds(15)) => _events = Listen("event");

    /// <summary>Connects (and completes the handshake); the WebSocket upgrade itself fails for a refused caller.</summary>
    public static Task<DashboardTestClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> app, string? token) where TEntry : class =>
        ConnectAsync(app, "/hubs/dashboard", token, () => new DashboardTestClient());

    public Task<JsonElement> GetSnapshotAsync() => InvokeAsync("GetSnapshot");

    public Task<JsonElement> SubscribeAsync(long? lastSeenSeq = null) => InvokeAsync("Subscribe", lastSeenSeq);

    /// <summary>The next "event" (bounded wait).</summary>
    public Task<JsonElement> NextEventAsync() => NextAsync(_events);

    /// <summary>Reads events until one of <paramref name="type"/> about <paramref name="caseId"/>; returns it and every event read before it.</summary>
    public async Task<(JsonElement Match, List<JsonElement> Before)> NextEventAsync(string type, string caseId)
    {
        var before = new List<JsonElement>();
        while (true)
        {
            var next = await NextEventAsync();
            if (next.GetProperty("type").GetString() == type && next.GetProperty("caseId").GetString() == caseId) return (next, before);
            before.Add(next);
        }
    }

    /// <summary>The events received so far that nobody has read.</summary>
    public List<JsonElement> Received() => Drain(_events);
}
