using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Metrics;

/// <summary>The metric and ranking endpoints over HTTP: shapes, numbers, CSV = JSON, refusals naming the field.</summary>
public sealed class MetricsEndpointsTests(MetricsApiFixture fixture) : IClassFixture<MetricsApiFixture>
{
    private const string Street = MetricsApiFixture.Street;

    private string Days => $"from={fixture.Day.AddDays(-1):yyyy-MM-dd}&to={fixture.Day.AddDays(1):yyyy-MM-dd}";

    private async Task<JsonElement> GetJsonAsync(string user, string url)
    {
        var response = await (await fixture.As(user)).GetAsync(url);
        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToString());
        return json;
    }

    private async Task<(byte[] Bytes, List<List<string>> Rows)> GetCsvAsync(string user, string url)
    {
        var response = await (await fixture.As(user)).GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, CsvReader.Parse(Encoding.UTF8.GetString(bytes.AsSpan(3))));
    }

    /// <summary>CSV header → the JSON property (path) it repeats.</summary>
    private static readonly (string Header, string Json)[] AccountColumns =
    [
        ("账号", "accountId"), ("名称", "name"), ("开始日期", "from"), ("结束日期", "to"), ("含下级", "subtree"), ("受理量", "received"),
        ("及时签收率", "acceptedInTimeRate"), ("响应率", "responseRate"), ("办结率", "closureRate"), ("按时办结率", "onTimeClosureRate"),
        ("解决率", "solvedRate"), ("满意率", "satisfactionRate"), ("重办率", "reopenRate"), ("办结时长中位数（小时）", "medianHoursToClose"),
        ("办结时长P90（小时）", "p90HoursToClose"), ("当前超期", "overdueNow"), ("合并量", "counts.merged"), ("转办量", "counts.dispatched"),
        ("应响应量", "counts.responseDue"), ("及时签收量", "counts.acceptedInTime"), ("及时响应量", "counts.respondedInTime"),
        ("在办量", "counts.open"), ("办结量", "counts.closed"), ("按时办结量", "counts.closedOnTime"), ("曾办结量", "counts.everClosed"),
        ("重办量", "counts.reopened"), ("评价量", "counts.rated"), ("已解决量", "counts.solved"), ("满意量", "counts.satisfied"),
        ("期间办结次数", "counts.closures"),
    ];

    private static readonly (string Header, string Json)[] RankingColumns =
    [
        ("名次", "rank"), ("账号", "accountId"), ("名称", "name"), ("综合得分", "score"), ("受理量", "received"),
        ("及时签收率", "acceptedInTimeRate"), ("响应率", "responseRate"), ("办结率", "closureRate"), ("按时办结率", "onTimeClosureRate"),
        ("解决率", "solvedRate"), ("满意率", "satisfactionRate"), ("重办率", "reopenRate"), ("上期名次", "previousRank"), ("名次变化", "movement"),
    ];

    private static JsonElement At(JsonElement json, string path) =>
        path.Split('.').Aggregate(json, (element, name) => element.GetProperty(name));

    /// <summary>The JSON value as its CSV text: numbers compared as numbers, null as an empty field.</summary>
    private static void ShouldMatch(string csv, JsonElement json, string what)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Null: csv.ShouldBe("", what); break;
            case JsonValueKind.Number: double.Parse(csv, CultureInfo.InvariantCulture).ShouldBe(json.GetDouble(), what); break;
            case JsonValueKind.True or JsonValueKind.False: csv.ShouldBe(json.GetBoolean() ? "true" : "false", what); break;
            default: csv.ShouldBe(json.GetString(), what); break;
        }
    }

    [Fact]
    public async Task A_streets_rates_are_read_from_its_cases()
    {
        var json = await GetJsonAsync("xingqing", $"/api/metrics/accounts/{Street}?{Days}");

        json.GetProperty("accountId").GetString().ShouldBe(Street);
        json.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        json.GetProperty("received").GetInt64().ShouldBe(3);
        json.GetProperty("closureRate").GetDouble().ShouldBe(0.6667);
        json.GetProperty("onTimeClosureRate").GetDouble().ShouldBe(0.6667);
        json.GetProperty("solvedRate").GetDouble().ShouldBe(1);
        json.GetProperty("satisfactionRate").GetDouble().ShouldBe(1);
        json.GetProperty("reopenRate").GetDouble().ShouldBe(0);
        // Forwarded by hand naming only the deadline: the first-response clock comes from the SLA template (4 h);
        // two of the three were signed for and answered at once, the third not at all.
        json.GetProperty("acceptedInTimeRate").GetDouble().ShouldBe(0.6667);
        json.GetProperty("responseRate").GetDouble().ShouldBe(0.6667);
        // Both closed within the hour: bucket (0, 1] h holds 2; median 0 + 1·1/2, p90 0 + 1·1.8/2.
        json.GetProperty("medianHoursToClose").GetDouble().ShouldBe(0.5);
        json.GetProperty("p90HoursToClose").GetDouble().ShouldBe(0.9);
        json.GetProperty("overdueNow").GetInt64().ShouldBe(0);
        json.GetProperty("counts").GetProperty("open").GetInt64().ShouldBe(1);
        json.GetProperty("counts").GetProperty("dispatched").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task The_account_export_repeats_the_json_numbers_in_a_csv_excel_reads_as_utf8()
    {
        var url = $"/api/metrics/accounts/district-640104?{Days}&subtree=true";
        var json = await GetJsonAsync("xingqing", url);
        var (bytes, rows) = await GetCsvAsync("xingqing", url.Replace("?", "/export.csv?"));

        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        rows[0].ShouldBe(AccountColumns.Select(c => c.Header).ToList());
        foreach (var (column, i) in AccountColumns.Select((c, i) => (c, i))) ShouldMatch(rows[1][i], At(json, column.Json), column.Header);
        json.GetProperty("received").GetInt64().ShouldBe(3);
        // Then one row per account of the subtree with figures: here the street alone.
        rows.Skip(2).Select(r => r[0]).ShouldBe([Street]);
        rows.Skip(2).Sum(r => long.Parse(r[5], CultureInfo.InvariantCulture)).ShouldBe(3);
    }

    [Fact]
    public async Task The_ranking_export_repeats_the_json_rows()
    {
        var month = fixture.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var json = await GetJsonAsync("wzyc", $"/api/rankings?month={month}&kind=street");
        var (bytes, rows) = await GetCsvAsync("wzyc", $"/api/rankings/export.csv?month={month}&kind=street");

        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        json.GetProperty("month").GetString().ShouldBe(month);
        json.GetProperty("kind").GetString().ShouldBe("street");
        json.GetProperty("weights").EnumerateObject().Select(w => w.Name).ShouldBe(["responseRate", "satisfactionRate", "solvedRate"], ignoreOrder: true);
        var jsonRows = json.GetProperty("rows").EnumerateArray().ToList();
        jsonRows.Count.ShouldBe(62);
        rows.Count.ShouldBe(1 + jsonRows.Count);
        var header = rows[0];
        foreach (var (row, jsonRow) in rows.Skip(1).Zip(jsonRows))
        {
            row[header.IndexOf("月份")].ShouldBe(month);
            foreach (var (csvHeader, jsonName) in RankingColumns) ShouldMatch(row[header.IndexOf(csvHeader)], jsonRow.GetProperty(jsonName), csvHeader);
        }
        var street = jsonRows.Single(r => r.GetProperty("accountId").GetString() == Street);
        street.GetProperty("received").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task Tiles_trend_and_breakdown_answer_for_the_users_scope()
    {
        var tiles = await GetJsonAsync("street1", "/api/metrics/tiles");
        var trend = await GetJsonAsync("xingqing", $"/api/metrics/trend?{Days}");
        var breakdown = await GetJsonAsync("xingqing", $"/api/metrics/breakdown?{Days}&by=district");
        var topics = await GetJsonAsync("wzyc", $"/api/metrics/breakdown?{Days}&by=topic&accountId=wzyc");

        tiles.GetProperty("date").GetString().ShouldNotBeNull();
        tiles.GetProperty("intakeToday").GetInt64().ShouldBeInRange(0, 3);
        tiles.GetProperty("open").GetInt64().ShouldBe(1);
        tiles.GetProperty("overdueNow").GetInt64().ShouldBe(0);
        tiles.GetProperty("closureRate").GetDouble().ShouldBe(0.6667);
        tiles.GetProperty("onTimeClosureRate").GetDouble().ShouldBe(0.6667);
        tiles.GetProperty("satisfactionRate").GetDouble().ShouldBe(1);
        var days = trend.EnumerateArray().ToList();
        days.Select(d => d.GetProperty("day").GetString()).ShouldBe(
            [fixture.Day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), fixture.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), fixture.Day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        days.Sum(d => d.GetProperty("received").GetInt64()).ShouldBe(3);
        days.Sum(d => d.GetProperty("closed").GetInt64()).ShouldBe(2);
        var district = breakdown.EnumerateArray().Single();
        (district.GetProperty("key").GetString(), district.GetProperty("name").GetString()).ShouldBe(("640104", "兴庆区"));
        (district.GetProperty("received").GetInt64(), district.GetProperty("open").GetInt64(), district.GetProperty("closed").GetInt64(), district.GetProperty("overdue").GetInt64())
            .ShouldBe((3L, 1L, 2L, 0L));
        topics.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "路灯").GetProperty("received").GetInt64().ShouldBe(4);
    }

    [Fact]
    public async Task A_period_names_a_day_a_week_or_a_month()
    {
        var date = fixture.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var day = await GetJsonAsync("xingqing", $"/api/metrics/accounts/{Street}?period=day&date={date}");
        var week = await GetJsonAsync("xingqing", $"/api/metrics/accounts/{Street}?period=week&date={date}");
        var month = await GetJsonAsync("xingqing", $"/api/metrics/accounts/{Street}?period=month&date={date}");

        (day.GetProperty("from").GetString(), day.GetProperty("to").GetString()).ShouldBe((date, date));
        var monday = fixture.Day.AddDays(-(((int)fixture.Day.DayOfWeek + 6) % 7));
        week.GetProperty("from").GetString().ShouldBe(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        week.GetProperty("to").GetString().ShouldBe(monday.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        month.GetProperty("from").GetString().ShouldBe(new DateOnly(fixture.Day.Year, fixture.Day.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        day.GetProperty("received").GetInt64().ShouldBe(3);
        week.GetProperty("received").GetInt64().ShouldBe(3);
        month.GetProperty("received").GetInt64().ShouldBe(3);
    }

    [Theory]
    [InlineData("/api/metrics/accounts/street-640104001?from=2026-13-01&to=2026-12-31", "from")]
    [InlineData("/api/metrics/accounts/street-640104001?from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("/api/metrics/accounts/street-640104001?to=2026-12-01", "from")]
    [InlineData("/api/metrics/accounts/street-640104001?period=year", "period")]
    [InlineData("/api/metrics/accounts/street-640104001?period=day&from=2026-12-01", "period")]
    [InlineData("/api/metrics/accounts/street-640104001?period=day&date=tomorrow", "date")]
    [InlineData("/api/metrics/accounts/street-640104001?subtree=yes", "subtree")]
    [InlineData("/api/metrics/accounts/street-640104001?from=2000-01-01&to=2026-01-01", "to")]
    [InlineData("/api/metrics/trend?from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("/api/metrics/breakdown?by=colour", "by")]
    [InlineData("/api/metrics/breakdown", "by")]
    [InlineData("/api/rankings?kind=street&month=2026-13", "month")]
    [InlineData("/api/rankings?kind=planet", "kind")]
    [InlineData("/api/rankings/export.csv?month=2026-11", "kind")]
    public async Task A_bad_parameter_is_a_400_naming_it(string url, string field)
    {
        var response = await (await fixture.As("admin")).GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_account_is_a_404()
    {
        var response = await (await fixture.As("admin")).GetAsync("/api/metrics/accounts/no-such-unit");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("accountId", out _).ShouldBeTrue();
    }
}
