using CityMatrix.Silo.Alerts.Storage;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>Loads an alert's receipt summary and shows it to the sending account's watchers on this server.</summary>
public sealed class ReceiptBroadcaster(AlertStore store, IAlertPushChannel channel)
{
    public async Task RefreshAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var record = await store.FindAsync(identifier, cancellationToken);
        var summary = await store.ReceiptSummaryAsync(identifier, cancellationToken);
        if (record is null || summary is null) return;
        await channel.PushReceiptsAsync(record.AccountId, summary, cancellationToken);
    }
}
