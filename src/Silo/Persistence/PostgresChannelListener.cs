using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// LISTENs on one PostgreSQL channel on a dedicated connection and hands each notification to
/// <see cref="HandleAsync"/> on a separate loop, so slow handling never stalls the connection. After a lost
/// connection it reconnects and calls <see cref="CaughtUpAsync"/>, where the subclass reads from the tables
/// whatever it may have missed meanwhile (notifications are not kept while nobody listens).
/// </summary>
public abstract class PostgresChannelListener(string connectionString, string channel, ILogger logger) : BackgroundService
{
    private readonly Channel<string> _payloads = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place.</summary>
    public Task Listening => _listening.Task;

    protected abstract Task HandleAsync(string payload, CancellationToken cancellationToken);

    /// <summary>Called after every (re)connection, once LISTEN is in place.</summary>
    protected virtual Task CaughtUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the connection is lost, before reconnecting.</summary>
    protected virtual void ConnectionLost()
    {
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), HandleLoopAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _payloads.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await CaughtUpAsync(stoppingToken);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listener on {Channel} lost its PostgreSQL connection; reconnecting", channel);
                ConnectionLost();
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task HandleLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _payloads.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await HandleAsync(payload, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Handling a notification on {Channel} failed", channel);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
