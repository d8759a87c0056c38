using System.Threading.Channels;
using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Alerts.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>
/// Collects receipts in memory and writes them in batches (at most every 100 ms), so that delivering
/// to 20,000 clients costs a few inserts rather than 20,000 round trips. Each batch tells the senders'
/// watchers (here and, through the fan-out, on the other servers) that the figures moved.
/// Receipts not yet flushed are lost if the process dies: they are a report, not the delivery itself.
/// </summary>
public sealed class ReceiptRecorder(AlertStore store, ReceiptBroadcaster broadcaster, AlertNode node, ILogger<ReceiptRecorder> logger) : BackgroundService
{
    private readonly Channel<AlertReceipt> _pending = Channel.CreateUnbounded<AlertReceipt>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public void Record(string identifier, IEnumerable<ConnectedClient> clients, string kind, DateTimeOffset at)
    {
        foreach (var client in clients)
            _pending.Writer.TryWrite(new AlertReceipt { Identifier = identifier, Recipient = client.ConnectionId, UserId = client.UserId, Kind = kind, At = at, Node = node.Id });
    }

    /// <summary>Writes everything recorded so far (the background loop calls it; tests may too).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        List<AlertReceipt> batch = [];
        try
        {
            while (_pending.Reader.TryRead(out var receipt)) batch.Add(receipt);
            if (batch.Count == 0) return;
            var identifiers = batch.Select(r => r.Identifier).Distinct(StringComparer.Ordinal).ToList();
            try
            {
                await store.AddReceiptsAsync(batch, identifiers.Select(i => new AlertSignal(AlertSignalKind.Receipts, i, node.Id)), cancellationToken);
            }
            catch
            {
                foreach (var receipt in batch) _pending.Writer.TryWrite(receipt);
                throw;
            }
            foreach (var identifier in identifiers) await broadcaster.RefreshAsync(identifier, cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _pending.Reader.WaitToReadAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Writing alert receipts failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}
