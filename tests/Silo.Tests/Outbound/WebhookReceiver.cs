using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CityMatrix.Silo.Tests.Outbound;

/// <summary>A real HTTP receiver on 127.0.0.1 that answers 500 to its first <see cref="FailFirst"/> requests, then 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _seen;

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredWith);

    public WebhookReceiver(int failFirst = 0)
    {
        FailFirst = failFirst;
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int FailFirst { get; set; }

    public int Port { get; }

    public string Url { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Completes once a request has been answered 2xx.</summary>
    public TaskCompletionSource<Received> FirstSuccess { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, System.Text.Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var status = Interlocked.Increment(ref _seen) <= FailFirst ? 500 : 200;
            var received = new Received(headers, body, status);
            Requests.Enqueue(received);
            context.Response.StatusCode = status;
            var answer = System.Text.Encoding.UTF8.GetBytes(status == 500 ? "receiver down for maintenance" : "ok");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
            if (status == 200) FirstSuccess.TrySetResult(received);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
