using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Surges;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Surges;

/// <summary>The heating replay (domain.md §1): the surge is found on the first day, and the decline shows in the trend.</summary>
public sealed class HeatingReplayTests(HeatingReplay replay) : IClassFixture<HeatingReplay>
{
    private const string City = "6401";

    private Task<HttpClient> Manager => replay.ClientAsync("wzyc");

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await (await Manager).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await response.JsonAsync();
    }

    /// <summary>The four heating companies answerable for most of the first day's complaints up to <paramref name="cases"/>.</summary>
    private List<string> BusiestCompanies(int cases) =>
        replay.Sent[HeatingReplay.FirstDay].Take(cases).GroupBy(n => HeatingComplaints.CommunityOf(n).Company)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(4).Select(g => g.Key).ToList();

    [Fact]
    public async Task The_alert_fires_on_the_first_heating_day_as_soon_as_the_count_passes_the_record_of_earlier_first_days()
    {
        replay.Watch.Where(w => w.Cases <= HeatingReplay.Record).ShouldAllBe(w => !w.Alert);
        replay.Watch.Where(w => w.Cases > HeatingReplay.Record).ShouldAllBe(w => w.Alert);
        replay.Watch.ShouldContain(w => w.Cases == HeatingReplay.Record + 1);

        var surges = (await GetAsync($"/api/surges?date=2025-11-01&topic=供暖&region={City}")).GetProperty("surges");

        var alert = surges.EnumerateArray().ShouldHaveSingleItem();
        alert.GetProperty("topic").GetString().ShouldBe("供暖");
        alert.GetProperty("regionName").GetString().ShouldBe("银川市（全市）");
        alert.GetProperty("count").GetInt32().ShouldBe(HeatingReplay.Record + 1);
        alert.GetProperty("firedAt").GetDateTimeOffset().ShouldBe(replay.RecordBrokenAt);
        alert.GetProperty("firedAt").GetDateTimeOffset().ToOffset(HeatingReplay.Beijing).Hour.ShouldBe(15);
        alert.GetProperty("rule").GetString().ShouldBe("max");
        alert.GetProperty("baseline").GetProperty("max").GetInt32().ShouldBe(HeatingReplay.Record);
        var units = alert.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("accountId").GetString()!).ToList();
        units.ShouldBe(BusiestCompanies(HeatingReplay.Record + 1));
        replay.LiveSurges.Where(e => e.RegionCode == City && ((SurgeAlert)e.Data!).Topic == "供暖").ShouldHaveSingleItem().At.ShouldBe(replay.RecordBrokenAt);
    }

    [Fact]
    public async Task The_baseline_is_the_first_heating_days_of_the_three_seasons_before_aligned_on_their_start()
    {
        var alert = (await GetAsync($"/api/surges?date=2025-11-01&topic=供暖&region={City}")).GetProperty("surges")[0];

        var days = alert.GetProperty("baseline").GetProperty("days").EnumerateArray()
            .Select(d => (Day: DateOnly.Parse(d.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Count: d.GetProperty("count").GetInt32(), Kind: d.GetProperty("kind").GetString()!))
            .ToList();

        var expected = HeatingReplay.EarlierSeasons.SelectMany(s => s.Counts.Select((count, i) => (s.FirstDay.AddDays(i), count, "season"))).ToList();
        days.ShouldBe(expected);
    }

    [Fact]
    public async Task Earlier_first_days_below_the_record_raise_no_city_wide_alert_and_the_surge_is_not_repeated_while_it_declines()
    {
        foreach (var (firstDay, _) in HeatingReplay.EarlierSeasons)
            (await GetAsync($"/api/surges?date={firstDay:yyyy-MM-dd}&topic=供暖&region={City}")).GetProperty("surges").GetArrayLength().ShouldBe(0, $"{firstDay}");

        var trend = await GetAsync("/api/hotspots?from=2025-11-01&to=2025-11-16&topic=供暖");

        trend.GetProperty("series")[0].GetProperty("surgeDays").EnumerateArray().Select(d => d.GetString()).ShouldBe(["2025-11-01"]);
    }

    [Fact]
    public async Task The_trend_shows_129_complaints_on_the_first_day_falling_to_12_a_day_in_15_days()
    {
        var trend = await GetAsync("/api/hotspots?from=2025-11-01&to=2025-11-16&topic=供暖");

        trend.GetProperty("region").GetString().ShouldBe(City);
        var series = trend.GetProperty("series").EnumerateArray().ShouldHaveSingleItem();
        var counts = series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("count").GetInt32()).ToList();
        counts.ShouldBe([129, .. HeatingReplay.Decline]);
        counts[^1].ShouldBe(12);
        counts.Zip(counts.Skip(1)).ShouldAllBe(pair => pair.Second < pair.First);
        series.GetProperty("total").GetInt32().ShouldBe(counts.Sum());
    }

    [Fact]
    public async Task The_first_days_hours_show_every_complaint_arriving_by_16_15()
    {
        var hours = await GetAsync("/api/hotspots?from=2025-11-01&to=2025-11-01&topic=供暖&by=hour");

        var counts = hours.GetProperty("series")[0].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("count").GetInt32()).ToList();
        counts.ShouldBe([.. HeatingReplay.FirstDayByHour, .. Enumerable.Repeat(0, 24 - HeatingReplay.FirstDayByHour.Length)]);
    }

    [Fact]
    public async Task Districts_add_up_to_the_city_and_the_counts_equal_a_recount_from_the_cases()
    {
        var districts = new[] { "640104", "640105", "640106", "640121", "640122", "640181" };
        var sum = 0;
        foreach (var district in districts)
            sum += (await GetAsync($"/api/hotspots?from=2025-11-01&to=2025-11-01&topic=供暖&region={district}")).GetProperty("series")[0].GetProperty("total").GetInt32();

        sum.ShouldBe(129);
        var reconciler = replay.App.Services.GetRequiredService<CaseCountReconciler>();
        (await reconciler.DifferencesAsync(new DateOnly(2022, 11, 1), new DateOnly(2025, 11, 16))).ShouldBeEmpty();
    }

    [Fact]
    public void The_same_day_report_at_16_15_names_the_surge_its_count_now_its_cases_and_the_hot_incident()
    {
        var report = replay.SameDay;

        report.GetProperty("day").GetString().ShouldBe("2025-11-01");
        var city = report.GetProperty("surges").EnumerateArray().Single(s => s.GetProperty("alert").GetProperty("regionCode").GetString() == City);
        city.GetProperty("countNow").GetInt32().ShouldBe(129);
        city.GetProperty("cases").GetArrayLength().ShouldBe(10);
        city.GetProperty("alert").GetProperty("units").GetArrayLength().ShouldBe(4);
        var chongan = replay.Sent[HeatingReplay.FirstDay].Count(n => HeatingComplaints.CommunityOf(n).Name == "崇安社区");
        var incident = report.GetProperty("hotIncidents").EnumerateArray().First();
        incident.GetProperty("regionName").GetString().ShouldBe("崇安社区居委会");
        incident.GetProperty("cases").GetInt32().ShouldBe(chongan);
        incident.GetProperty("units")[0].GetProperty("accountId").GetString().ShouldBe("ent-heating-1");
        replay.SameDayHtml.ShouldContain("热点警情当日通报");
        replay.SameDayHtml.ShouldContain("建议约谈");
        replay.SameDayHtml.ShouldContain("崇安社区居委会");
    }

    [Fact]
    public async Task The_morning_job_stores_yesterdays_report_once_with_intake_surges_and_top_topics()
    {
        replay.MorningRuns.Again.GeneratedAt.ShouldBe(replay.MorningRuns.First.GeneratedAt);
        replay.MorningRuns.First.GeneratedAt.ShouldBe(new DateTimeOffset(2025, 11, 2, 8, 0, 0, HeatingReplay.Beijing));

        var report = await GetAsync("/api/reports/daily/2025-11-01.json");

        report.GetProperty("day").GetString().ShouldBe("2025-11-01");
        report.GetProperty("intake").GetProperty("posts").GetInt32().ShouldBe(129);
        report.GetProperty("intake").GetProperty("complaintPosts").GetInt32().ShouldBe(129);
        report.GetProperty("intake").GetProperty("casesOpened").GetInt32().ShouldBe(129);
        report.GetProperty("surges").EnumerateArray().ShouldContain(s => s.GetProperty("topic").GetString() == "供暖" && s.GetProperty("regionCode").GetString() == City);
        var top = report.GetProperty("topTopics")[0];
        (top.GetProperty("topic").GetString(), top.GetProperty("count").GetInt32(), top.GetProperty("previousDay").GetInt32()).ShouldBe(("供暖", 129, 0));
        report.GetProperty("overdue").GetProperty("openAtEnd").GetInt32().ShouldBeGreaterThanOrEqualTo(129);
        report.GetProperty("hotIncidents").GetArrayLength().ShouldBeGreaterThan(0);
        var html = await (await Manager).GetStringAsync("/api/reports/daily/2025-11-01.html");
        html.ShouldContain("问政银川 每日报告 2025年11月1日");
        html.ShouldContain("新立案件 129 件");
        html.ShouldContain("诉求激增预警");
        (await (await Manager).GetStringAsync("/api/reports/daily/2025-11-01")).ShouldBe(replay.MorningRuns.First.Json);
    }
}
