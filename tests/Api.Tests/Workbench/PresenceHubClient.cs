using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityMatrix.Api.Tests.Workbench;

/// <summary>
/// A client of /hubs/cases speaking SignalR's JSON protocol over a raw WebSocket (the .NET SignalR client
/// does not restore here): invocations with their results, "presence" and "caseChanged" pushes queued.
/// </summary>
public sealed class PresenceHubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly WebSocket _socket;
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly Channel<JsonElement> _presence = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _changes = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private PresenceHubClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public static async Task<PresenceHubClient> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> app, HttpClient signedIn) where TEntry : class
    {
        var token = signedIn.DefaultRequestHeaders.Authorization!.Parameter!;
        var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/hubs/cases?access_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
        var client = new PresenceHubClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await client._handshake.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    /// <summary>Calls a hub method; returns its result, or throws with the hub's error.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = completion;
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var message = await completion.Task.WaitAsync(TimeSpan.FromSeconds(10));
        if (message.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
        return message.TryGetProperty("result", out var result) ? result : default;
    }

    /// <summary>The next "presence" push that satisfies <paramref name="wanted"/> (earlier ones are skipped), waiting at most 10 s.</summary>
    public Task<JsonElement> PresenceAsync(Func<JsonElement, bool> wanted) => NextAsync(_presence, wanted);

    public Task<JsonElement> ChangeAsync(Func<JsonElement, bool> wanted) => NextAsync(_changes, wanted);

    private static async Task<JsonElement> NextAsync(Channel<JsonElement> channel, Func<JsonElement, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await channel.Reader.ReadAsync(timeout.Token);
            if (wanted(item)) return item;
        }
    }

    private async Task SendAsync(string message) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, _stop.Token);

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
            _handshake.TrySetResult();
            return;
        }
        if (type.GetInt32() == 1)
        {
            var target = message.GetProperty("target").GetString();
            var payload = message.GetProperty("arguments")[0];
            if (target == "presence") _presence.Writer.TryWrite(payload);
            if (target == "caseChanged") _changes.Writer.TryWrite(payload);
        }
        else if (type.GetInt32() == 3)
        {
            TaskCompletionSource<JsonElement>? completion;
            lock (_pending) _pending.Remove(message.GetProperty("invocationId").GetString()!, out completion);
            completion?.TrySetResult(message);
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
