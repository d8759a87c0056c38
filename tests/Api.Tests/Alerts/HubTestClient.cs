using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Alerts;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR client package
/// does not restore here): handshake, invocations awaited to their completion, and the "alert" and
/// "receipts" events queued for the test to read.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly WebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _alerts = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _receipts = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private HubTestClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public static async Task<HubTestClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> app, string? token = null, bool test = false) where TEntry : class
    {
        var query = $"?test={(test ? "true" : "false")}" + (token is null ? "" : $"&access_token={Uri.EscapeDataString(token)}");
        var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/hubs/alerts{query}"), CancellationToken.None);
        var client = new HubTestClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await client._handshake.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Calls a hub method and waits for its completion; throws with the hub's error if it failed.</summary>
    public async Task InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var result = await completion.Task.WaitAsync(TimeSpan.FromSeconds(10));
        if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
    }

    public Task ReportLocationAsync(double lat, double lon) => InvokeAsync("ReportLocation", lat, lon);

    /// <summary>The next "alert" event (its CAP fields), waiting at most 10 s.</summary>
    public async Task<JsonElement> NextAlertAsync() => await _alerts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The next "alert" event with this identifier (other tests' alerts on a shared server are skipped).</summary>
    public async Task<JsonElement> NextAlertAsync(string identifier)
    {
        while (true)
        {
            var alert = await NextAlertAsync();
            if (alert.GetProperty("identifier").GetString() == identifier) return alert;
        }
    }

    public async Task<JsonElement> NextReceiptsAsync() => await _receipts.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The alerts received so far that nobody has read.</summary>
    public List<JsonElement> Received()
    {
        var result = new List<JsonElement>();
        while (_alerts.Reader.TryRead(out var alert)) result.Add(alert);
        return result;
    }

    /// <summary>
    /// Proves the server has sent everything it was going to send before now: hub messages on one
    /// connection are ordered, so once a round trip completes, earlier pushes have arrived.
    /// </summary>
    public Task RoundTripAsync() => InvokeAsync("Acknowledge", "no-such-alert");

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
            case 1 when message.GetProperty("target").GetString() == "alert":
                _alerts.Writer.TryWrite(message.GetProperty("arguments")[0]);
                break;
            case 1 when message.GetProperty("target").GetString() == "receipts":
                _receipts.Writer.TryWrite(message.GetProperty("arguments")[0]);
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
