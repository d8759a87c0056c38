using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Api.Tests.Webhooks;

/// <summary>A tiny real Kestrel server on 127.0.0.1 receiving webhooks; answers 503 to its first <c>failFirst</c> requests.</summary>
public sealed class KestrelReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Received> Delivered { get; } = new();

    private readonly ConcurrentDictionary<string, TaskCompletionSource<Received>> _waiting = new();

    private KestrelReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<KestrelReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new KestrelReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            if (Interlocked.Increment(ref receiver._seen) <= failFirst) return Results.StatusCode(503);
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var received = new Received(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            receiver.Delivered.Enqueue(received);
            receiver.Waiter(received.Headers["X-CityMatrix-Event-Id"]).TrySetResult(received);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    private TaskCompletionSource<Received> Waiter(string eventId) =>
        _waiting.GetOrAdd(eventId, _ => new TaskCompletionSource<Received>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The first successful delivery of an event; the server's worker is woken by the commit, so this is quick.</summary>
    public Task<Received> DeliveredAsync(string eventId) => Waiter(eventId).Task.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
