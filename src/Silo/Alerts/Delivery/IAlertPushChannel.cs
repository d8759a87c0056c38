using CityMatrix.Silo.Alerts.Cap;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>How alerts leave this server (the API implements it with the SignalR hub).</summary>
public interface IAlertPushChannel
{
    /// <summary>Sends the alert to these connections; completes when it is written to each of them.</summary>
    Task PushAsync(IReadOnlyList<ConnectedClient> clients, CapAlert alert, CancellationToken cancellationToken);

    /// <summary>Tells the sending account's watchers how delivery is going.</summary>
    Task PushReceiptsAsync(string accountId, ReceiptSummary summary, CancellationToken cancellationToken);
}

/// <summary>No hub in this process (silo without the API): nothing is sent.</summary>
public sealed class NoPushChannel : IAlertPushChannel
{
    public Task PushAsync(IReadOnlyList<ConnectedClient> clients, CapAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PushReceiptsAsync(string accountId, ReceiptSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;
}
