using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Live;

/// <summary>
/// A dashboard client of /hubs/dashboard speaking the SignalR JSON hub protocol over a raw WebSocket (the .NET
/// SignalR client package does not restore here), as a browser does: the token as ?access_token=. Invocations
/// return their result; "event" messages are queued in arrival order for the test to read.
/// </summary>
public sealed class DashboardTestClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly WebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private DashboardTestClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Connects (and completes the handshake); the WebSocket upgrade itself fails for a refused caller.</summary>
    public static async Task<DashboardTestClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> app, string? token) where TEntry : class
    {
        var query = token is null ? "" : $"?access_token={Uri.EscapeDataString(token)}";
        var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/hubs/dashboard{query}"), CancellationToken.None);
        var client = new DashboardTestClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await client._handshake.Task.WaitAsync(Wait);
        return client;
    }

    /// <summary>Calls a hub method and returns its result; throws with the hub's error if it failed.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var message = await completion.Task.WaitAsync(Wait);
        if (message.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
        return message.TryGetProperty("result", out var result) ? result : default;
    }

    public Task<JsonElement> GetSnapshotAsync() => InvokeAsync("GetSnapshot");

    public Task<JsonElement> SubscribeAsync(long? lastSeenSeq = null) => InvokeAsync("Subscribe", lastSeenSeq);

    /// <summary>The next "event" (bounded wait).</summary>
    public async Task<JsonElement> NextEventAsync() => await _events.Reader.ReadAsync().AsTask().WaitAsync(Wait);

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
    public List<JsonElement> Received()
    {
        var result = new List<JsonElement>();
        while (_events.Reader.TryRead(out var next)) result.Add(next);
        return result;
    }

    private async Task SendAsync(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + Separator);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, _stop.Token);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var all = text.ToString();
                var end = all.LastIndexOf(Separator);
                if (end < 0) continue;
                foreach (var frame in all[..end].Split(Separator)) Dispatch(frame);
                text.Clear().Append(all[(end + 1)..]);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { }
    }

    private void Dispatch(string frame)
    {
        if (frame.Length == 0) return;
        var message = JsonDocument.Parse(frame).RootElement.Clone();
        if (!message.TryGetProperty("type", out var type))
        {
            _handshake.TrySetResult(); // {} or {"error": ...}; a failed handshake shows up as later timeouts
            return;
        }
        switch (type.GetInt32())
        {
            case 1 when message.GetProperty("target").GetString() == "event":
                _events.Writer.TryWrite(message.GetProperty("arguments")[0]);
                break;
            case 3 when _pending.TryRemove(message.GetProperty("invocationId").GetString()!, out var completion):
                completion.TrySetResult(message);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or IOException or ObjectDisposedException) { }
        _stop.Cancel();
        await _reader;
        _socket.Dispose();
        _stop.Dispose();
    }
}
