using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Cases;

/// <summary>The officers' side: inbox, routing rules, time limits, the audit trail.</summary>
public sealed class WorkflowEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private async Task<string> OpenForwardedAsync(string toAccountId, DateTimeOffset deadline, string topic = "物业")
    {
        var manager = await fixture.As("wzyc");
        var opened = await manager.PostJsonAsync("/api/cases", new { citizenId = "citizen1", text = "小区电梯坏了一周没人修", category = "城乡建设", topic, regionCode = "640104001002" });
        var id = (await opened.JsonAsync()).GetProperty("id").GetString()!;
        (await manager.PostJsonAsync($"/api/cases/{id}/forward", new { toAccountId, deadline })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_inbox_lists_the_officers_cases_earliest_deadline_first_with_filters()
    {
        var late = await OpenForwardedAsync("street-640104001", DateTimeOffset.UtcNow.AddDays(5));
        var soon = await OpenForwardedAsync("street-640104001", DateTimeOffset.UtcNow.AddHours(3));
        var elsewhere = await OpenForwardedAsync("street-640105001", DateTimeOffset.UtcNow.AddHours(1));
        var officer = await fixture.As("street1");

        var inbox = await (await officer.GetAsync("/api/inbox")).JsonAsync();
        var ids = inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();

        ids.ShouldContain(late);
        ids.ShouldContain(soon);
        ids.ShouldNotContain(elsewhere);
        ids.IndexOf(soon).ShouldBeLessThan(ids.IndexOf(late));
        var dueSoon = await (await officer.GetAsync($"/api/inbox?dueBefore={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}")).JsonAsync();
        dueSoon.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldContain(soon);
        dueSoon.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldNotContain(late);
        var byRegion = await (await officer.GetAsync("/api/inbox?region=640104001&topic=物业&state=Forwarded")).JsonAsync();
        byRegion.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_supervisor_sees_his_subtree_and_an_officer_may_not_ask_for_one()
    {
        var id = await OpenForwardedAsync("street-640104001", DateTimeOffset.UtcNow.AddDays(1));

        var district = await (await (await fixture.As("xingqing")).GetAsync("/api/inbox?scope=subtree&limit=200")).JsonAsync();
        var officer = await (await fixture.As("street1")).GetAsync("/api/inbox?scope=subtree");
        var foreign = await (await fixture.As("street1")).GetAsync("/api/inbox?accountId=street-640105001");
        var badState = await (await fixture.As("street1")).GetAsync("/api/inbox?state=Sleeping");

        district.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldContain(id);
        officer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badState.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badState.JsonAsync()).GetProperty("errors").TryGetProperty("state", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_supervisor_reads_the_inbox_of_an_account_below_his_but_not_of_one_elsewhere()
    {
        var below = await OpenForwardedAsync("street-640104001", DateTimeOffset.UtcNow.AddDays(2));
        var elsewhere = await OpenForwardedAsync("street-640105001", DateTimeOffset.UtcNow.AddDays(2));
        var supervisor = await fixture.As("xingqing");

        var street = await supervisor.GetAsync("/api/inbox?accountId=street-640104001&scope=subtree&limit=200");
        var foreign = await supervisor.GetAsync("/api/inbox?accountId=street-640105001");

        street.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ids = (await street.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        ids.ShouldContain(below);
        ids.ShouldNotContain(elsewhere);
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("accountId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_manager_adds_a_routing_rule_and_officers_cannot()
    {
        var manager = await fixture.As("wzyc");
        var officer = await fixture.As("street1");
        var rule = new { topic = "停车", regionCode = "640104", territorialLevel = "Street", note = "兴庆区停车归街道" };

        (await officer.PostJsonAsync("/api/routing-rules", rule)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await manager.PostJsonAsync("/api/routing-rules", rule);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var preview = await (await officer.GetAsync("/api/routing/preview?category=交通运输&topic=停车&region=640104001002")).JsonAsync();
        preview.GetProperty("accountId").GetString().ShouldBe("street-640104001");
        var bad = await manager.PostJsonAsync("/api/routing-rules", new { topic = "踢球", accountId = "wzyc" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").TryGetProperty("topic", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Time_limits_are_edited_by_the_manager_and_validated()
    {
        var manager = await fixture.As("wzyc");

        var saved = await manager.PutAsJsonAsync("/api/sla-templates/noise", new { name = "噪音 3 天", topic = "噪音", resolutionHours = 72, firstResponseHours = 4 });
        var bad = await manager.PutAsJsonAsync("/api/sla-templates/broken", new { name = "x", resolutionHours = 2, firstResponseHours = 5 });
        var lastGeneral = await manager.PutAsJsonAsync("/api/sla-templates/general", new { name = "x", topic = "噪音", resolutionHours = 10, firstResponseHours = 1 });

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await manager.GetAsync("/api/sla-templates")).JsonAsync()).EnumerateArray().ShouldContain(t => t.GetProperty("id").GetString() == "noise");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").TryGetProperty("firstResponseHours", out _).ShouldBeTrue();
        lastGeneral.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await fixture.As("street1")).PutAsJsonAsync("/api/sla-templates/noise", new { name = "x", resolutionHours = 1, firstResponseHours = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_mutation_is_audited_with_who_what_and_the_outcome_even_when_refused()
    {
        var id = await OpenForwardedAsync("street-640104001", DateTimeOffset.UtcNow.AddDays(1));
        var officer = await fixture.As("street1");
        await officer.PostJsonAsync($"/api/cases/{id}/accept", new { });
        await officer.PostJsonAsync($"/api/cases/{id}/close", new { });

        var entries = (await (await (await fixture.As("admin")).GetAsync($"/api/audit?path={id}")).JsonAsync()).EnumerateArray().ToList();

        entries.ShouldContain(e => e.GetProperty("userId").GetString() == "street1" && e.GetProperty("path").GetString()!.EndsWith("/accept") && e.GetProperty("status").GetInt32() == 200);
        entries.ShouldContain(e => e.GetProperty("userId").GetString() == "street1" && e.GetProperty("path").GetString()!.EndsWith("/close") && e.GetProperty("status").GetInt32() == 409);
        entries.ShouldContain(e => e.GetProperty("userId").GetString() == "wzyc" && e.GetProperty("path").GetString()!.EndsWith("/forward"));
        (await officer.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Changing_the_category_over_http_reroutes_the_case()
    {
        var id = await OpenForwardedAsync("street-640104001", DateTimeOffset.UtcNow.AddDays(1));
        var manager = await fixture.As("wzyc");

        var moved = await manager.PostJsonAsync($"/api/cases/{id}/category", new { category = "城乡建设", topic = "供暖", reason = "实为供暖问题" });

        var body = await moved.JsonAsync();
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("topic").GetString().ShouldBe("供暖");
        body.GetProperty("accountId").GetString()!.ShouldStartWith("ent-heating-");
    }
}
