using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Alerts.FanOut;

/// <summary>
/// Listens on <see cref="PostgresFanOut.Channel"/> (a <see cref="PostgresChannelListener"/>) and hands each
/// signal of another server to <see cref="AlertSignalHandler"/>. After a lost connection it reconnects and
/// catches up on alerts stored since a minute before the loss (identifiers already delivered are skipped).
/// </summary>
public sealed class PostgresAlertListener(
    IOptions<StorageOptions> options,
    AlertSignalHandler handler,
    TimeProvider time,
    ILogger<PostgresAlertListener> logger)
    : PostgresChannelListener(options.Value.ConnectionString ?? "", PostgresFanOut.Channel, logger)
{
    private DateTimeOffset _since = time.GetUtcNow() - TimeSpan.FromMinutes(1);

    protected override Task HandleAsync(string payload, CancellationToken cancellationToken) =>
        AlertSignal.FromPayload(payload) is { } signal ? handler.HandleAsync(signal, cancellationToken) : Task.CompletedTask;

    protected override Task CaughtUpAsync(CancellationToken cancellationToken) => handler.CatchUpAsync(_since, cancellationToken);

    protected override void ConnectionLost() => _since = time.GetUtcNow() - TimeSpan.FromMinutes(1);
}
