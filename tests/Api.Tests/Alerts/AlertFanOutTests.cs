using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Alerts;

/// <summary>Two server processes on one PostgreSQL database: an alert sent through either reaches clients of both.</summary>
public sealed class AlertFanOutTests : TwoServersOnOneDatabase
{
    [Fact]
    public async Task An_alert_sent_through_one_server_reaches_clients_of_both_and_its_update_follows_them()
    {
        var (broadcaster, token) = await First.SignInAsync("xingqing-broadcaster");
        var (viaSecond, _) = await Second.SignInAsync("xingqing-broadcaster");
        await using var onFirst = await HubTestClient.ConnectAsync(First);
        await using var onSecond = await HubTestClient.ConnectAsync(Second);
        await using var outsideOnSecond = await HubTestClient.ConnectAsync(Second);
        await using var watcherOnSecond = await HubTestClient.ConnectAsync(Second, token);
        await watcherOnSecond.InvokeAsync("WatchReceipts", "district-640104");
        await onFirst.ReportLocationAsync(38.470, 106.285);
        await onSecond.ReportLocationAsync(38.471, 106.284);
        await outsideOnSecond.ReportLocationAsync(38.100, 106.340);
        var sent = AlertJson.Now();

        var created = await broadcaster.PostJsonAsync("/api/alerts", AlertJson.Circle("fan-out-1", 38.47, 106.285, 1.5, sent: sent));
        var gotFirst = await onFirst.NextAlertAsync("fan-out-1");
        var gotSecond = await onSecond.NextAlertAsync("fan-out-1");
        await onFirst.ReportLocationAsync(38.10, 106.34); // leaves the area; the update must still find it
        var update = await viaSecond.PostJsonAsync("/api/alerts",
            AlertJson.Circle("fan-out-2", 38.47, 106.285, 1.5, msgType: "Update", references: $"district-640104,fan-out-1,{sent}"));
        var updateOnFirst = await onFirst.NextAlertAsync("fan-out-2");
        await using var lateOnFirst = await HubTestClient.ConnectAsync(First);
        await lateOnFirst.ReportLocationAsync(38.4705, 106.2855);
        var lateGot = await lateOnFirst.NextAlertAsync();
        await outsideOnSecond.RoundTripAsync();
        var receipts = await watcherOnSecond.NextReceiptsAsync();

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        update.StatusCode.ShouldBe(HttpStatusCode.Created, await update.Content.ReadAsStringAsync());
        (gotFirst.GetProperty("sender").GetString(), gotSecond.GetProperty("sender").GetString()).ShouldBe(("district-640104", "district-640104"));
        updateOnFirst.GetProperty("msgType").GetString().ShouldBe("Update");
        lateGot.GetProperty("identifier").GetString().ShouldBe("fan-out-2");
        outsideOnSecond.Received().ShouldBeEmpty();
        receipts.GetProperty("identifier").GetString().ShouldStartWith("fan-out-");
    }
}
