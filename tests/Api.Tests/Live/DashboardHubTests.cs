using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Live;

/// <summary>The dashboard hub on SQLite and on PostgreSQL (subclasses below): delivery, scoping, reconnection, refusal.</summary>
public abstract class DashboardHubTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _manager = null!;

    public async Task InitializeAsync() => _manager = await fixture.As("wzyc");

    public Task DisposeAsync() => Task.CompletedTask;

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private async Task<DashboardTestClient> DashboardAsync(string user) =>
        await DashboardTestClient.ConnectAsync(fixture.App, TokenOf(await fixture.As(user)));

    private async Task<string> OpenAsync(string text)
    {
        var opened = await _manager.PostJsonAsync("/api/cases", new { citizenId = "citizen1", text, category = "城乡建设" });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (await opened.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string> OpenAndForwardAsync(string text, string to)
    {
        var id = await OpenAsync(text);
        var forwarded = await _manager.PostJsonAsync($"/api/cases/{id}/forward", new { toAccountId = to, deadline = DateTimeOffset.UtcNow.AddDays(2) });
        forwarded.StatusCode.ShouldBe(HttpStatusCode.OK, await forwarded.Content.ReadAsStringAsync());
        return id;
    }

    private static long Seq(JsonElement liveEvent) => liveEvent.GetProperty("seq").GetInt64();

    private static IEnumerable<string?> CaseIds(IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("caseId").GetString());

    [Fact]
    public async Task A_case_created_through_the_api_reaches_a_connected_dashboard_client()
    {
        await using var dashboard = await DashboardAsync("wzyc");
        await dashboard.SubscribeAsync();

        var caseId = await OpenAsync("文化街路灯不亮已经一周");
        var (created, _) = await dashboard.NextEventAsync("case.created", caseId);

        Seq(created).ShouldBeGreaterThan(0);
        created.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()).ShouldBe(["wzyc"]);
        var data = created.GetProperty("data");
        (data.GetProperty("action").GetString(), data.GetProperty("status").GetString(), data.GetProperty("category").GetString())
            .ShouldBe(("Open", "Received", "城乡建设"));
    }

    [Fact]
    public async Task The_supervisor_of_the_subtree_and_the_receiving_officer_get_a_case_and_an_officer_of_another_district_does_not()
    {
        var admin = await fixture.As("admin");
        var officerId = $"jinfeng-{Guid.NewGuid():N}"[..20];
        (await admin.PostJsonAsync("/api/users", new { id = officerId, displayName = "金凤区街道办事员", password = "long-enough-1", roles = new[] { "officer" }, accountIds = new[] { "street-640105001" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var district = await DashboardAsync("xingqing");
        await using var street = await DashboardAsync("street1");
        using var anonymous = fixture.App.CreateClient();
        var login = await anonymous.PostJsonAsync("/api/auth/login", new { username = officerId, password = "long-enough-1" });
        await using var otherDistrict = await DashboardTestClient.ConnectAsync(fixture.App, (await login.JsonAsync()).GetProperty("accessToken").GetString());
        foreach (var client in new[] { district, street, otherDistrict }) await client.SubscribeAsync();

        var inXingqing = await OpenAndForwardAsync("凤凰北街小区门口积水", "street-640104001");
        var (districtGot, districtBefore) = await district.NextEventAsync("case.forwarded", inXingqing);
        var (streetGot, _) = await street.NextEventAsync("case.forwarded", inXingqing);
        // Events on one connection arrive in order: a later case the officer does see proves the first never came.
        var inJinfeng = await OpenAndForwardAsync("正源街小区暖气不热", "street-640105001");
        var (_, otherBefore) = await otherDistrict.NextEventAsync("case.forwarded", inJinfeng);
        var laterInXingqing = await OpenAndForwardAsync("凤凰北街垃圾没人清运", "street-640104001");
        var (_, districtBetween) = await district.NextEventAsync("case.forwarded", laterInXingqing);

        CaseIds(districtBefore).ShouldNotContain(inXingqing); // created while only @问政银川 held it: not his
        districtGot.GetProperty("data").GetProperty("targetAccountId").GetString().ShouldBe("street-640104001");
        districtGot.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()).ShouldBe(["wzyc", "street-640104001"]);
        Seq(streetGot).ShouldBe(Seq(districtGot));
        CaseIds(otherBefore).ShouldNotContain(inXingqing);
        CaseIds(districtBetween).ShouldNotContain(inJinfeng);
    }

    [Fact]
    public async Task A_reconnecting_client_gets_a_snapshot_and_then_exactly_the_events_it_missed_before_live_ones()
    {
        var street = await fixture.As("street1");
        await using var watcher = await DashboardAsync("xingqing");
        await watcher.SubscribeAsync();
        var first = await DashboardAsync("xingqing");
        var before = await first.GetSnapshotAsync();
        await first.SubscribeAsync(before.GetProperty("seq").GetInt64());
        var seen = await OpenAndForwardAsync("新华街人行道砖松动", "street-640104001");
        var (lastSeen, _) = await first.NextEventAsync("case.forwarded", seen);
        await first.DisposeAsync();

        var missed = await OpenAndForwardAsync("新华街夜间施工噪音", "street-640104001");
        (await street.PostJsonAsync($"/api/cases/{missed}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await watcher.NextEventAsync("case.changed", missed); // this server has pushed them: they are history now

        await using var second = await DashboardAsync("xingqing");
        var after = await second.GetSnapshotAsync();
        var resumed = await second.SubscribeAsync(Seq(lastSeen));
        var replayed = new[] { await second.NextEventAsync(), await second.NextEventAsync() };
        var live = await OpenAndForwardAsync("新华街井盖缺失", "street-640104001");
        var (liveEvent, between) = await second.NextEventAsync("case.forwarded", live);

        after.GetProperty("openCases").GetInt32().ShouldBe(before.GetProperty("openCases").GetInt32() + 2);
        after.GetProperty("overdueNow").GetInt32().ShouldBe(before.GetProperty("overdueNow").GetInt32());
        var recent = after.GetProperty("recent").EnumerateArray().ToList();
        recent.Take(3).Select(e => (e.GetProperty("caseId").GetString(), e.GetProperty("type").GetString()))
            .ShouldBe([(missed, "case.changed"), (missed, "case.forwarded"), (seen, "case.forwarded")]);
        recent.ShouldAllBe(e => e.GetProperty("seq").GetInt64() <= after.GetProperty("seq").GetInt64());
        (resumed.GetProperty("replayed").GetInt32(), resumed.GetProperty("complete").GetBoolean()).ShouldBe((2, true));
        replayed.Select(e => (e.GetProperty("caseId").GetString(), e.GetProperty("data").GetProperty("action").GetString()))
            .ShouldBe([(missed, "Forward"), (missed, "Accept")]);
        between.ShouldBeEmpty();
        var seqs = replayed.Append(liveEvent).Select(Seq).ToList();
        seqs.ShouldBeInOrder(SortDirection.Ascending);
        seqs.Distinct().Count().ShouldBe(3);
        seqs[0].ShouldBeGreaterThan(Seq(lastSeen));
    }

    [Fact]
    public async Task A_client_that_already_has_the_latest_events_gets_none_of_them_again()
    {
        await using var first = await DashboardAsync("wzyc");
        await first.SubscribeAsync();
        var caseId = await OpenAsync("解放街公交站牌损坏");
        var (created, _) = await first.NextEventAsync("case.created", caseId);

        await using var second = await DashboardAsync("wzyc");
        var resumed = await second.SubscribeAsync(Seq(created));
        var marker = await OpenAsync("解放街公厕无人打扫");
        var (_, before) = await second.NextEventAsync("case.created", marker);

        resumed.GetProperty("replayed").GetInt32().ShouldBe(0);
        before.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_callers_citizens_and_broadcasters_cannot_open_the_dashboard_hub()
    {
        using var anonymous = fixture.App.CreateClient();
        var citizen = await fixture.As("citizen1");
        var broadcaster = await fixture.As("xingqing-broadcaster");
        var officer = await fixture.As("street1");

        (await anonymous.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await citizen.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await broadcaster.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Should.ThrowAsync<InvalidOperationException>(() => DashboardTestClient.ConnectAsync(fixture.App, null));
        await Should.ThrowAsync<InvalidOperationException>(() => DashboardTestClient.ConnectAsync(fixture.App, TokenOf(citizen)));
    }
}

public sealed class DashboardHubTests_on_Sqlite(SqliteApp app) : DashboardHubTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardHubTests_on_PostgreSql(PostgresApp app) : DashboardHubTests(app), IClassFixture<PostgresApp>;
