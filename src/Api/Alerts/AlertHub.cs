using System.Security.Claims;
using CityMatrix.Silo.Alerts;
using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Geo;
using Microsoft.AspNetCore.SignalR;

namespace CityMatrix.Api.Alerts;

/// <summary>
/// /hubs/alerts. Anyone may connect (an emergency alert is for everyone in the area, signed in or not);
/// a signed-in user's id and roles come from the token. Connect with ?test=true to be a test client
/// (receives Test/Exercise/System alerts). Client → server: ReportLocation(lat, lon), ReportRegion(code),
/// Acknowledge(identifier), WatchReceipts(accountId). Server → client: "alert" (the CAP fields), "receipts".
/// </summary>
public sealed class AlertHub(ClientRegistry clients, AlertDispatcher dispatcher, RegionGeometry geometry) : Hub
{
    public const string Path = "/hubs/alerts";

    public static string ReceiptsGroup(string accountId) => "receipts:" + accountId;

    public override Task OnConnectedAsync()
    {
        var user = Context.User;
        var authenticated = user?.Identity?.IsAuthenticated == true;
        var isTest = string.Equals(Context.GetHttpContext()?.Request.Query["test"], "true", StringComparison.OrdinalIgnoreCase);
        var roles = authenticated ? user!.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal) : [];
        clients.Add(new ConnectedClient(Context.ConnectionId, authenticated ? AlertSenderAuthorization.UserIdOf(user!) : null, isTest, roles));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        clients.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Where the client is now (WGS 84). Alerts in force there arrive at once.</summary>
    public async Task ReportLocation(double lat, double lon)
    {
        if (!double.IsFinite(lat) || lat is < -90 or > 90 || !double.IsFinite(lon) || lon is < -180 or > 180)
            throw new HubException("lat must be within -90..90 and lon within -180..180.");
        var client = Self();
        clients.MoveTo(client, lat, lon);
        await dispatcher.ClientMovedAsync(client, Context.ConnectionAborted);
    }

    /// <summary>The region the client is in, by code (640104, 640104001, or the 12-digit padded form).</summary>
    public async Task ReportRegion(string code)
    {
        var canonical = geometry.Canonical(code) ?? throw new HubException($"'{code}' is not a Yinchuan region code.");
        var client = Self();
        clients.MoveTo(client, canonical);
        await dispatcher.ClientMovedAsync(client, Context.ConnectionAborted);
    }

    public void Acknowledge(string identifier) => dispatcher.Acknowledge(Self(), identifier);

    /// <summary>Live receipts of the account's alerts; only for users who act for the account.</summary>
    public async Task WatchReceipts(string accountId)
    {
        if (Context.User?.HasClaim(AlertSenderAuthorization.AccountClaim, accountId) != true)
            throw new HubException($"Sign in as a user of {accountId} to watch its receipts.");
        await Groups.AddToGroupAsync(Context.ConnectionId, ReceiptsGroup(accountId), Context.ConnectionAborted);
    }

    private ConnectedClient Self() => clients.Find(Context.ConnectionId) ?? throw new HubException("This connection is closing.");
}
