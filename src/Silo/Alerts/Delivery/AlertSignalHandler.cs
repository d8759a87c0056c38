using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Alerts.Storage;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>Acts on signals from other servers: loads the alert and delivers it here, or refreshes receipts.</summary>
public sealed class AlertSignalHandler(AlertDispatcher dispatcher, ReceiptBroadcaster receipts, AlertStore store, AlertNode node)
{
    public async Task HandleAsync(AlertSignal signal, CancellationToken cancellationToken = default)
    {
        if (signal.Node == node.Id) return; // this server acted on it when it stored it
        if (signal.Kind == AlertSignalKind.Receipts)
        {
            await receipts.RefreshAsync(signal.Identifier, cancellationToken);
            return;
        }
        if (dispatcher.HasHandled(signal.Identifier)) return;
        if (await store.FindAsync(signal.Identifier, cancellationToken) is { } record) await dispatcher.HandleAsync(record, cancellationToken);
    }

    /// <summary>After the listener was (re)connected: deliver whatever was stored while it was not listening.</summary>
    public async Task CatchUpAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        foreach (var record in await store.ReceivedSinceAsync(since, cancellationToken))
        {
            if (!dispatcher.HasHandled(record.Identifier)) await dispatcher.HandleAsync(record, cancellationToken);
        }
    }
}
