using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Infrastructure;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR client package does
/// not restore here), as a browser does: the bearer token as ?access_token=, the handshake, messages framed by
/// the record separator, invocations awaited to their completion (type 3) and returning its result, and the
/// pushes (type 1) of the targets a subclass listens to queued in arrival order. Pings (type 6), close
/// messages and pushes of other targets are ignored.
/// </summary>
public abstract class SignalRJsonClient : IAsyncDisposable
{
    private const char Separator = '\u001e';

    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Dictionary<string, Channel<JsonElement>> _targets = [];
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private WebSocket _socket = null!;
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    /// <param name="wait">How long the handshake, an invocation or the next push is waited for.</param>
    protected SignalRJsonClient(TimeSpan wait) => Wait = wait;

    protected TimeSpan Wait { get; }

    /// <summary>
    /// Opens the WebSocket to <paramref name="path"/> (the upgrade itself fails for a refused caller), then makes
    /// the client, starts its read loop and completes the handshake.
    /// </summary>
    /// <param name="query">Query parameters before the token.</param>
    protected static async Task<TClient> ConnectAsync<TClient, TEntry>(WebApplicationFactory<TEntry> app, string path, string? token,
        Func<TClient> create, params (string Name, string Value)[] query)
        where TClient : SignalRJsonClient
        where TEntry : class
    {
        var parameters = query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}").ToList();
        if (token is not null) parameters.Add($"access_token={Uri.EscapeDataString(token)}");
        var uri = new Uri($"ws://localhost{path}" + (parameters.Count == 0 ? "" : "?" + string.Join('&', parameters)));
        var socket = await app.Server.CreateWebSocketClient().ConnectAsync(uri, CancellationToken.None);
        var client = create();
        client._socket = socket;
        client._reader = Task.Run(client.ReadLoopAsync);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await client._handshake.Task.WaitAsync(client.Wait);
        return client;
    }

    /// <summary>Queues the first argument of every push of <paramref name="target"/>; call from the constructor.</summary>
    protected ChannelReader<JsonElement> Listen(string target)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        _targets[target] = channel;
        return channel.Reader;
    }

    /// <summary>Calls a hub method and returns its result (default without one); throws with the hub's error if it failed.</summary>
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

    /// <summary>The next queued push, waiting at most <see cref="Wait"/>.</summary>
    protected async Task<JsonElement> NextAsync(ChannelReader<JsonElement> pushes) => await pushes.ReadAsync().AsTask().WaitAsync(Wait);

    /// <summary>The next queued push that satisfies <paramref name="wanted"/> (earlier ones are skipped), all within <see cref="Wait"/>.</summary>
    protected async Task<JsonElement> NextAsync(ChannelReader<JsonElement> pushes, Func<JsonElement, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var item = await pushes.ReadAsync(timeout.Token);
            if (wanted(item)) return item;
        }
    }

    /// <summary>The pushes queued so far that nobody has read.</summary>
    protected static List<JsonElement> Drain(ChannelReader<JsonElement> pushes)
    {
        var result = new List<JsonElement>();
        while (pushes.TryRead(out var item)) result.Add(item);
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
            case 1 when _targets.TryGetValue(message.GetProperty("target").GetString()!, out var channel):
                channel.Writer.TryWrite(message.GetProperty("arguments")[0]);
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
        GC.SuppressFinalize(this);
    }
}
