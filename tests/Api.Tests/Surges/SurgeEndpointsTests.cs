using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Surges;

/// <summary>Refusals of the surge, hotspot and report endpoints: a 400 naming the parameter, never a 500.</summary>
public sealed class SurgeEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/api/surges?date=2025-13-01", "date")]
    [InlineData("/api/surges?region=640104001", "region")]
    [InlineData("/api/surges?region=640199", "region")]
    [InlineData("/api/surges?topic=" + "供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖供暖", "topic")]
    [InlineData("/api/hotspots?by=week", "by")]
    [InlineData("/api/hotspots?from=2025-11-02&to=2025-11-01", "from")]
    [InlineData("/api/hotspots?from=2024-01-01&to=2025-11-01", "to")]
    [InlineData("/api/hotspots?from=2025-10-01&to=2025-11-15&by=hour", "to")]
    [InlineData("/api/reports/daily/yesterday.html", "day")]
    public async Task A_bad_parameter_is_a_400_naming_it(string url, string field)
    {
        var manager = await fixture.As("wzyc");

        var response = await manager.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(url);
    }

    [Fact]
    public async Task A_report_not_yet_made_is_a_404_and_today_cannot_be_reported_before_it_is_over()
    {
        var manager = await fixture.As("wzyc");
        var today = Silo.CityDays.DayOf(DateTimeOffset.UtcNow);

        (await manager.GetAsync("/api/reports/daily/2019-06-01.html")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var early = await manager.PostAsync($"/api/reports/daily/{today:yyyy-MM-dd}", null);

        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.JsonAsync()).GetProperty("errors").TryGetProperty("day", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Hotspots_without_a_topic_list_every_topic_with_a_point_for_every_day()
    {
        var connector = await fixture.As("weibo-connector");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await connector.PostJsonAsync("/api/posts", new
        {
            platform = "weibo", postId = $"hot-{Guid.NewGuid():N}", author = new { id = $"hot-{Guid.NewGuid():N}", name = "网友" },
            text = "西夏区怀远路的路灯坏了一个多月了，晚上走路太危险，什么时候修？", createdAt = now,
        });
        var manager = await fixture.As("xingqing");

        var trend = await (await manager.GetAsync($"/api/hotspots?from={now.AddDays(-6):yyyy-MM-dd}&to={now:yyyy-MM-dd}")).JsonAsync();

        trend.GetProperty("by").GetString().ShouldBe("day");
        var series = trend.GetProperty("series").EnumerateArray().ToList();
        series.ShouldNotBeEmpty();
        series.ShouldAllBe(s => s.GetProperty("points").GetArrayLength() == 7);
        series.Sum(s => s.GetProperty("total").GetInt32()).ShouldBeGreaterThanOrEqualTo(1);
    }
}
