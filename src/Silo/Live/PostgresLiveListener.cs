using System.Globalization;
using System.Text.Json;
using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Live;

/// <summary>
/// PostgreSQL: hears the other processes on <see cref="LiveSignal.Channel"/>. "Numbered up to N" wakes the
/// relay (which reads the table); an event that is not kept is handed to this process's dashboards. Its own
/// notifications are skipped: this process delivered those when it published them. After a reconnection
/// the relay is woken, so no case event is missed; events that are not kept and were sent while the
/// connection was down are lost (they are views of state a snapshot shows).
/// </summary>
public sealed class PostgresLiveListener(
    IOptions<StorageOptions> options,
    IDbContextFactory<CityMatrixDbContext> contexts,
    LiveCaseRelay relay,
    LocalLiveEventPublisher local,
    AlertNode node,
    ILogger<PostgresLiveListener> logger)
    : PostgresChannelListener(options.Value.ConnectionString ?? "", LiveSignal.Channel, logger)
{
    protected override async Task HandleAsync(string payload, CancellationToken cancellationToken)
    {
        if (LiveSignal.Parse(payload) is not { } signal || signal.Node == node.Id) return;
        switch (signal.Kind)
        {
            case LiveSignalKind.Sequenced:
                relay.Poke();
                break;
            case LiveSignalKind.Event:
                Publish(signal.Body);
                break;
            case LiveSignalKind.Stored:
                var id = long.Parse(signal.Body, CultureInfo.InvariantCulture);
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    var body = await db.LiveMessages.AsNoTracking().Where(m => m.Id == id).Select(m => m.Body).FirstOrDefaultAsync(cancellationToken);
                    if (body is not null) Publish(body);
                }
                break;
        }
    }

    protected override Task CaughtUpAsync(CancellationToken cancellationToken)
    {
        relay.Poke();
        return Task.CompletedTask;
    }

    private void Publish(string json)
    {
        if (JsonSerializer.Deserialize<LiveEvent>(json, LiveSignal.Json) is { } liveEvent) local.Publish(liveEvent);
    }
}
