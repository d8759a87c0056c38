using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Delivery;
using Microsoft.AspNetCore.SignalR;

namespace CityMatrix.Api.Alerts;

/// <summary>Pushes alerts over the hub: one serialisation per push, written to each targeted connection.</summary>
public sealed class SignalRAlertPushChannel(IHubContext<AlertHub> hub) : IAlertPushChannel
{
    public Task PushAsync(IReadOnlyList<ConnectedClient> clients, CapAlert alert, CancellationToken cancellationToken)
    {
        var ids = new ConnectionIdSet(clients.Select(c => c.ConnectionId).ToList());
        return hub.Clients.Clients(ids).SendAsync("alert", alert, cancellationToken);
    }

    public Task PushReceiptsAsync(string accountId, ReceiptSummary summary, CancellationToken cancellationToken) =>
        hub.Clients.Group(AlertHub.ReceiptsGroup(accountId)).SendAsync("receipts", summary, cancellationToken);
}
