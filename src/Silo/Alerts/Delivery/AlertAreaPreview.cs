using System.Security.Claims;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Targeting;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>
/// How many connected clients an alert would reach if sent now: the same footprint, audience and
/// client index as delivery, nothing stored or sent. Counts this server's connections only (with
/// several servers on PostgreSQL each holds its own clients; the receipts after sending count all).
/// The sender's rights are checked as for sending, so an area outside the jurisdiction is refused early.
/// </summary>
public sealed class AlertAreaPreview(ClientRegistry clients, AlertSenderAuthorization authorization, RegionDirectory regions, RegionGeometry geometry)
{
    public AlertPreviewResult Preview(ClaimsPrincipal user, string? accountId, CapAlert alert)
    {
        var account = authorization.SendingAccount(user, accountId);
        var faults = new CapFaults();
        var footprint = AlertFootprint.Build(alert, regions, geometry, faults);
        if (footprint.IsEmpty && faults.IsEmpty)
            faults.Add("info[0].area", "Give the area: a polygon, a circle, or a Yinchuan region code.");
        if (!faults.IsEmpty) throw new AlertFaultsException(faults);
        authorization.CheckJurisdiction(account, alert);
        var audience = new AlertAudience(alert);
        return new AlertPreviewResult(account.Id, clients.Inside(footprint, audience.Admits).Count, clients.Count);
    }
}

/// <summary>Clients inside the area (and admitted by status and scope) out of all connected to this server.</summary>
public sealed record AlertPreviewResult(string AccountId, int Inside, int Connected);
