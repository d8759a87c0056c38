using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Alerts.Cap;

namespace CityMatrix.Api.Tests.Alerts;

/// <summary>Alerts over HTTP and the hub, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class AlertEndpointsTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _broadcaster = null!;

    public async Task InitializeAsync() => _broadcaster = await fixture.As("xingqing-broadcaster");

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static string Fixture(string file) =>
        File.ReadAllText(Path.Combine(Silo.Tests.Infrastructure.TestPostgres.RepositoryRoot(), "tests", "Silo.Tests", "Fixtures", "cap", file));

    [Fact]
    public async Task A_cap_xml_alert_is_stored_and_served_back_as_valid_cap_xml_and_as_json()
    {
        var identifier = "64010441600000_" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        var xml = Fixture("valid/yinchuan-rainstorm-yellow.xml").Replace("64010441600000_20260715083000", identifier);

        var created = await _broadcaster.PostAsync("/api/alerts", new StringContent(xml, Encoding.UTF8, "application/cap+xml"));
        var asXml = new HttpRequestMessage(HttpMethod.Get, $"/api/alerts/{identifier}");
        asXml.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/cap+xml"));
        var servedXml = await _broadcaster.SendAsync(asXml);
        var servedJson = await (await _broadcaster.GetAsync($"/api/alerts/{identifier}")).JsonAsync();

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await created.JsonAsync()).GetProperty("identifier").GetString().ShouldBe(identifier);
        servedXml.Content.Headers.ContentType!.MediaType.ShouldBe("application/cap+xml");
        var faults = new CapFaults();
        var parsed = CapXmlReader.Read(await servedXml.Content.ReadAsStringAsync(), faults)!;
        (faults.IsEmpty && CapValidator.Validate(parsed).IsEmpty).ShouldBeTrue();
        parsed.Info[0].Headline.ShouldBe("银川市气象台发布暴雨黄色预警[Ⅲ级/较重]");
        servedJson.GetProperty("msgType").GetString().ShouldBe("Alert");
        servedJson.GetProperty("info")[0].GetProperty("area")[0].GetProperty("geocode")[0].GetProperty("value").GetString().ShouldBe("640104000000");
    }

    [Fact]
    public async Task An_invalid_alert_is_refused_with_every_fault_named()
    {
        var response = await _broadcaster.PostJsonAsync("/api/alerts", new
        {
            identifier = "has space", sender = "district-640104", sent = "2026-07-15T00:30:00Z", status = "Actual", msgType = "Alert", scope = "Public",
            info = new[] { new { category = new[] { "Weather" }, @event = "x", urgency = "Immediate", severity = "Severe", certainty = "Observed",
                area = new[] { new { areaDesc = "兴庆区", polygon = new[] { "38.4,106.2 38.4,106.3 38.5,106.3" } } } } },
        });
        var problem = await response.JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["identifier", "info[0].area[0].polygon[0]", "info[0].category[0]", "sent"], ignoreOrder: true);
    }

    [Fact]
    public async Task Xml_that_is_not_cap_and_json_of_the_wrong_shape_are_400s()
    {
        var notCap = await _broadcaster.PostAsync("/api/alerts", new StringContent("<alert xmlns=\"urn:x\"/>", Encoding.UTF8, "application/cap+xml"));
        var wrongShape = await _broadcaster.PostRawAsync("/api/alerts", "{\"identifier\": 5}");

        notCap.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notCap.JsonAsync()).GetProperty("errors").TryGetProperty("alert", out _).ShouldBeTrue();
        wrongShape.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongShape.JsonAsync()).GetProperty("errors").TryGetProperty("identifier", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_signed_in_broadcasters_send_and_only_inside_their_jurisdiction()
    {
        var anonymous = await fixture.App.CreateClient().PostJsonAsync("/api/alerts", AlertJson.Circle(Unique("a"), 38.47, 106.28, 1));
        var citizen = await (await fixture.As("citizen1")).PostJsonAsync("/api/alerts", AlertJson.Circle(Unique("c"), 38.47, 106.28, 1));
        var foreign = await _broadcaster.PostJsonAsync("/api/alerts", AlertJson.Circle(Unique("f"), 38.49, 106.13, 2));
        var audit = await (await fixture.As("admin")).GetAsync("/api/alerts/audit?limit=5");

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        citizen.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("info[0].area[0]", out _).ShouldBeTrue();
        (await audit.JsonAsync()).EnumerateArray().ShouldContain(e => e.GetProperty("outcome").GetString() == "Forbidden" && e.GetProperty("userId").GetString() == "xingqing-broadcaster");
    }

    [Fact]
    public async Task Clients_inside_get_the_alert_event_clients_outside_do_not_and_late_joiners_get_it_on_arrival()
    {
        await using var inside = await HubTestClient.ConnectAsync(fixture.App);
        await using var outside = await HubTestClient.ConnectAsync(fixture.App);
        await inside.ReportLocationAsync(38.470, 106.285);
        await outside.ReportLocationAsync(38.490, 106.130);
        var identifier = Unique("hub");

        (await _broadcaster.PostJsonAsync("/api/alerts", AlertJson.Circle(identifier, 38.47, 106.28, 2))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var received = await inside.NextAlertAsync(identifier);
        await using var late = await HubTestClient.ConnectAsync(fixture.App);
        await late.ReportLocationAsync(38.4705, 106.2805);
        var lateAlert = await late.NextAlertAsync(identifier);
        await outside.RoundTripAsync();

        received.GetProperty("identifier").GetString().ShouldBe(identifier);
        received.GetProperty("info")[0].GetProperty("severity").GetString().ShouldBe("Extreme");
        lateAlert.GetProperty("identifier").GetString().ShouldBe(identifier);
        outside.Received().ShouldNotContain(a => a.GetProperty("identifier").GetString() == identifier);
    }

    [Fact]
    public async Task The_sender_watches_receipts_live_and_can_read_them()
    {
        await using var watcher = await HubTestClient.ConnectAsync(fixture.App, TokenOf(_broadcaster));
        await watcher.InvokeAsync("WatchReceipts", "district-640104");
        await using var citizen = await HubTestClient.ConnectAsync(fixture.App);
        await citizen.ReportLocationAsync(38.45, 106.31);
        var identifier = Unique("rcpt");

        await _broadcaster.PostJsonAsync("/api/alerts", AlertJson.Circle(identifier, 38.45, 106.31, 1));
        (await citizen.NextAlertAsync(identifier)).GetProperty("identifier").GetString().ShouldBe(identifier);
        await citizen.InvokeAsync("Acknowledge", identifier);
        JsonElement live;
        do live = await watcher.NextReceiptsAsync();
        while (live.GetProperty("identifier").GetString() != identifier || live.GetProperty("acknowledged").GetInt32() < 1);
        var read = await (await _broadcaster.GetAsync($"/api/alerts/{identifier}/receipts")).JsonAsync();
        var refused = await (await fixture.As("broadcaster")).GetAsync($"/api/alerts/{identifier}/receipts");

        (live.GetProperty("targeted").GetInt32(), live.GetProperty("delivered").GetInt32()).ShouldBe((1, 1));
        read.GetProperty("acknowledged").GetInt32().ShouldBe(1);
        read.GetProperty("deliveredP99Ms").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Should.ThrowAsync<InvalidOperationException>(() => citizen.InvokeAsync("WatchReceipts", "district-640104"));
    }

    [Fact]
    public async Task Test_alerts_reach_only_test_clients_and_cancels_reach_those_who_got_the_alert()
    {
        await using var citizen = await HubTestClient.ConnectAsync(fixture.App);
        await using var tester = await HubTestClient.ConnectAsync(fixture.App, test: true);
        await citizen.ReportLocationAsync(38.46, 106.30);
        await tester.ReportLocationAsync(38.46, 106.30);
        var drill = Unique("drill");
        var sent = AlertJson.Now();

        await _broadcaster.PostJsonAsync("/api/alerts", AlertJson.Circle(drill, 38.46, 106.30, 1, status: "Test", sent: sent));
        var testerGot = await tester.NextAlertAsync(drill);
        await tester.ReportLocationAsync(38.10, 106.34); // moves away; the cancel still reaches it
        var cancelId = Unique("cancel");
        var cancel = await _broadcaster.PostJsonAsync("/api/alerts",
            AlertJson.Circle(cancelId, 38.46, 106.30, 1, status: "Test", msgType: "Cancel", references: $"district-640104,{drill},{sent}"));
        var cancelled = await tester.NextAlertAsync(cancelId);
        await citizen.RoundTripAsync();

        testerGot.GetProperty("identifier").GetString().ShouldBe(drill);
        cancel.StatusCode.ShouldBe(HttpStatusCode.Created, await cancel.Content.ReadAsStringAsync());
        cancelled.GetProperty("msgType").GetString().ShouldBe("Cancel");
        citizen.Received().Select(a => a.GetProperty("identifier").GetString()).ShouldNotContain(drill);
    }

    [Fact]
    public async Task Alerts_in_force_are_listed_and_followers_find_them_in_their_feed()
    {
        var citizen = await fixture.As("citizen2");
        (await citizen.PostJsonAsync("/api/alerts/follows", new { accountId = "district-640104" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var identifier = Unique("feed");

        await _broadcaster.PostJsonAsync("/api/alerts", AlertJson.Circle(identifier, 38.47, 106.28, 1));
        var inForce = await (await fixture.App.CreateClient().GetAsync("/api/alerts")).JsonAsync();
        var feed = await (await citizen.GetAsync("/api/alerts/feed")).JsonAsync();
        var othersFeed = await citizen.GetAsync("/api/alerts/feed?userId=citizen1");

        inForce.EnumerateArray().ShouldContain(a => a.GetProperty("identifier").GetString() == identifier);
        feed.EnumerateArray().ShouldContain(a => a.GetProperty("identifier").GetString() == identifier);
        othersFeed.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class AlertEndpointsTests_on_Sqlite(SqliteApp app) : AlertEndpointsTests(app), IClassFixture<SqliteApp>;

public sealed class AlertEndpointsTests_on_PostgreSql(PostgresApp app) : AlertEndpointsTests(app), IClassFixture<PostgresApp>;
