using System.Collections.Concurrent;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Storage;
using CityMatrix.Silo.Alerts.Targeting;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>
/// Delivers stored alerts to this server's clients. A new Alert goes to every admitted client inside its
/// footprint and stays in force for clients that connect or move in before it expires; an Update goes to
/// everyone who was sent what it replaces plus everyone inside its own footprint, and replaces it for
/// late-comers; a Cancel goes to everyone who was sent what it cancels. Each client is sent each
/// identifier at most once (<see cref="ConnectedClient.TryMarkSent"/>), however the sweep and a client's
/// move interleave: the alert is made active before the sweep, and a client is placed before it checks
/// the active alerts, so one of the two always sees the other.
/// </summary>
public sealed class AlertDispatcher(
    ClientRegistry clients,
    ActiveAlertSet active,
    IAlertPushChannel channel,
    ReceiptRecorder receipts,
    RegionDirectory regions,
    RegionGeometry geometry,
    TimeProvider time,
    ILogger<AlertDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, byte> _handled = new(StringComparer.Ordinal);

    public bool HasHandled(string identifier) => _handled.ContainsKey(identifier);

    /// <summary>Loads the alerts in force at start-up, for clients that connect later. Sends nothing.</summary>
    public void Restore(IEnumerable<AlertRecord> inForce)
    {
        foreach (var record in inForce)
        {
            if (!_handled.TryAdd(record.Identifier, 0)) continue;
            if (Activate(record) is { } alert)
            {
                active.Remove(alert.Replaces);
                active.Add(alert);
            }
        }
    }

    /// <summary>A newly stored alert (accepted here, or announced by another server).</summary>
    public async Task HandleAsync(AlertRecord record, CancellationToken cancellationToken = default)
    {
        if (!_handled.TryAdd(record.Identifier, 0)) return;
        if (Activate(record) is not { } alert) return;
        var inForce = record.Expires > time.GetUtcNow();
        List<ConnectedClient> targets;
        switch (record.MsgType)
        {
            case "Alert":
                if (!inForce) return;
                active.Add(alert);
                targets = clients.Inside(alert.Footprint, alert.Audience.Admits);
                break;
            case "Update":
                active.Remove(alert.Replaces);
                if (inForce) active.Add(alert);
                targets = clients.SentAnyOf(alert.Replaces);
                if (inForce) targets.AddRange(clients.Inside(alert.Footprint, alert.Audience.Admits));
                break;
            case "Cancel":
                active.Remove(alert.Replaces);
                targets = clients.SentAnyOf(alert.Replaces);
                break;
            default:
                return; // Ack and Error concern the sender, not the public.
        }
        await SendAsync(alert, targets, cancellationToken);
    }

    /// <summary>A client connected or moved: send it whatever in-force alert now covers it.</summary>
    public async Task ClientMovedAsync(ConnectedClient client, CancellationToken cancellationToken = default)
    {
        foreach (var alert in active.InForce())
        {
            if (alert.Audience.Admits(client) && alert.Covers(client)) await SendAsync(alert, [client], cancellationToken);
        }
    }

    /// <summary>The client confirmed it has seen the alert.</summary>
    public void Acknowledge(ConnectedClient client, string identifier)
    {
        if (client.WasSent(identifier)) receipts.Record(identifier, [client], ReceiptKinds.Acknowledged, time.GetUtcNow());
    }

    private async Task SendAsync(ActiveAlert alert, IEnumerable<ConnectedClient> candidates, CancellationToken cancellationToken)
    {
        var batch = candidates.Where(c => c.TryMarkSent(alert.Identifier)).ToList();
        if (batch.Count == 0) return;
        receipts.Record(alert.Identifier, batch, ReceiptKinds.Targeted, time.GetUtcNow());
        try
        {
            await channel.PushAsync(batch, alert.Cap, cancellationToken);
            receipts.Record(alert.Identifier, batch, ReceiptKinds.Delivered, time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Pushing alert {Identifier} to {Count} clients failed", alert.Identifier, batch.Count);
        }
    }

    private ActiveAlert? Activate(AlertRecord record)
    {
        var faults = new CapFaults();
        var cap = CapXmlReader.Read(record.Xml, faults);
        if (cap is null)
        {
            logger.LogError("Stored alert {Identifier} does not parse: {Faults}", record.Identifier, faults);
            return null;
        }
        return new ActiveAlert(record, cap, AlertFootprint.Build(cap, regions, geometry));
    }
}
