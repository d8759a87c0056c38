using System.Threading.Channels;
using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityMatrix.Silo.Alerts.FanOut;

/// <summary>
/// Listens on <see cref="PostgresFanOut.Channel"/> on a dedicated connection and hands each signal of
/// another server to <see cref="AlertSignalHandler"/>. Signals are queued and handled on a separate loop so
/// that a slow delivery never stalls the connection. After a lost connection it reconnects and catches
/// up on alerts stored meanwhile (identifiers already delivered are skipped).
/// </summary>
public sealed class PostgresAlertListener(
    IOptions<StorageOptions> options,
    AlertSignalHandler handler,
    TimeProvider time,
    ILogger<PostgresAlertListener> logger) : BackgroundService
{
    private readonly Channel<AlertSignal> _signals = Channel.CreateUnbounded<AlertSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place.</summary>
    public Task Listening => _listening.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), HandleAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString) { KeepAlive = 30, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (AlertSignal.FromPayload(e.Payload) is { } signal) _signals.Writer.TryWrite(signal);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresFanOut.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await handler.CatchUpAsync(since, stoppingToken);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Alert listener lost its PostgreSQL connection; reconnecting");
                since = time.GetUtcNow() - TimeSpan.FromMinutes(1);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task HandleAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signal in _signals.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await handler.HandleAsync(signal, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Handling alert signal {Signal} failed", signal);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
