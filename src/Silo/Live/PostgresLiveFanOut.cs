using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Live;

/// <summary>
/// PostgreSQL: sends each announced event to the other processes as a NOTIFY on <see cref="LiveSignal.Channel"/>
/// ("E|node|json"). An event whose JSON would break the 8000-byte payload limit is stored in live_messages
/// and announced by id ("M|node|id"); stored events older than <see cref="StoredFor"/> are pruned then.
/// </summary>
public sealed class PostgresLiveFanOut(
    IDbContextFactory<CityMatrixDbContext> contexts,
    AlertNode node,
    TimeProvider time,
    ILogger<PostgresLiveFanOut> logger) : BackgroundService, ILiveFanOut
{
    public static readonly TimeSpan StoredFor = TimeSpan.FromMinutes(10);

    private readonly Channel<LiveEvent> _queue = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Announce(LiveEvent liveEvent) => _queue.Writer.TryWrite(liveEvent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                    while (_queue.Reader.TryRead(out var liveEvent)) await SendAsync(db, liveEvent, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sending live events to the other servers failed; they reach this server's clients only");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(CityMatrixDbContext db, LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(liveEvent, LiveSignal.Json);
        var payload = LiveSignal.Event(node.Id, json);
        if (Encoding.UTF8.GetByteCount(payload) > LiveSignal.MaxPayloadBytes)
        {
            var now = time.GetUtcNow();
            var message = new LiveMessage { At = now, Body = json };
            db.LiveMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var cutoff = now - StoredFor;
            await db.LiveMessages.Where(m => m.At < cutoff).ExecuteDeleteAsync(cancellationToken);
            payload = LiveSignal.Stored(node.Id, message.Id);
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({LiveSignal.Channel}, {payload})", cancellationToken);
    }
}
