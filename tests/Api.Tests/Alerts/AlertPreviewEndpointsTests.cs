using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Alerts;

/// <summary>POST /api/alerts/preview: the connected clients an alert's area holds now, for the console, sending nothing.</summary>
public sealed class AlertPreviewEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static object Alert(object area, string scope = "Public") => new
    {
        identifier = $"preview-{Guid.NewGuid():N}", sender = "wzyc@citymatrix", sent = "2026-07-15T08:30:00+08:00", status = "Actual", msgType = "Alert", scope,
        info = new[] { new { category = new[] { "Met" }, @event = "暴雨", urgency = "Immediate", severity = "红", certainty = "Likely", area = new[] { area } } },
    };

    [Fact]
    public async Task The_preview_counts_the_clients_inside_a_circle_a_polygon_or_a_district_and_sends_nothing()
    {
        await using var inside = await HubTestClient.ConnectAsync(fixture.App);
        await using var outside = await HubTestClient.ConnectAsync(fixture.App);
        await inside.ReportLocationAsync(38.4705, 106.2790); // 兴庆区 old town
        await outside.ReportLocationAsync(38.4900, 106.1200); // 西夏区
        var broadcaster = await fixture.As("broadcaster");

        var circle = await (await broadcaster.PostJsonAsync("/api/alerts/preview", Alert(new { areaDesc = "老城", circle = new[] { "38.47,106.28 3" } }))).JsonAsync();
        var polygon = await (await broadcaster.PostJsonAsync("/api/alerts/preview",
            Alert(new { areaDesc = "城区", polygon = new[] { "38.40,106.05 38.40,106.40 38.60,106.40 38.60,106.05 38.40,106.05" } }))).JsonAsync();
        var district = await (await broadcaster.PostJsonAsync("/api/alerts/preview",
            Alert(new { areaDesc = "西夏区", geocode = new[] { new { valueName = "GB/T 2260", value = "640105" } } }))).JsonAsync();

        circle.GetProperty("inside").GetInt32().ShouldBe(1);
        circle.GetProperty("connected").GetInt32().ShouldBe(2);
        circle.GetProperty("accountId").GetString().ShouldBe("wzyc");
        polygon.GetProperty("inside").GetInt32().ShouldBe(2);
        district.GetProperty("inside").GetInt32().ShouldBe(1);
        await inside.RoundTripAsync();
        await outside.RoundTripAsync();
        inside.Received().ShouldBeEmpty();
        outside.Received().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_restricted_alert_counts_only_signed_in_staff()
    {
        var officer = await fixture.As("heating1");
        await using var staff = await HubTestClient.ConnectAsync(fixture.App, officer.DefaultRequestHeaders.Authorization!.Parameter);
        await using var anonymous = await HubTestClient.ConnectAsync(fixture.App);
        await staff.ReportLocationAsync(38.30, 106.25); // 永宁县
        await anonymous.ReportLocationAsync(38.30, 106.25);

        var preview = await (await (await fixture.As("broadcaster")).PostJsonAsync("/api/alerts/preview",
            Alert(new { areaDesc = "永宁", circle = new[] { "38.30,106.25 2" } }, scope: "Restricted"))).JsonAsync();

        preview.GetProperty("inside").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_area_outside_the_senders_district_is_403_and_no_area_is_400_naming_the_field()
    {
        var district = await fixture.As("xingqing-broadcaster");

        var outside = await district.PostJsonAsync("/api/alerts/preview", Alert(new { areaDesc = "西夏区", geocode = new[] { new { valueName = "GB/T 2260", value = "640105" } } }));
        var empty = await district.PostJsonAsync("/api/alerts/preview", Alert(new { areaDesc = "无" }));
        var notBroadcaster = await (await fixture.As("heating1")).PostJsonAsync("/api/alerts/preview", Alert(new { areaDesc = "老城", circle = new[] { "38.47,106.28 3" } }));

        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await outside.JsonAsync()).GetProperty("errors").TryGetProperty("info[0].area[0].geocode", out _).ShouldBeTrue();
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.JsonAsync()).GetProperty("errors").TryGetProperty("info[0].area", out _).ShouldBeTrue();
        notBroadcaster.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
