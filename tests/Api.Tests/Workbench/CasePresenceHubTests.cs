using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Workbench;

/// <summary>/hubs/cases: who else has a case open in the workbench, and changes by anyone pushed to its viewers.</summary>
public sealed class CasePresenceHubTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private async Task<string> HeatingCaseAsync()
    {
        var citizen = await fixture.As("citizen1");
        var response = await citizen.PostJsonAsync("/api/posts", new
        {
            platform = "citymatrix", postId = Guid.NewGuid().ToString("N"), author = new { id = "citizen1" },
            text = $"兴庆区凤凰北街崇安社区暖气不热，家里只有十五度（{Guid.NewGuid():N}）", createdAt = DateTimeOffset.UtcNow,
        });
        var receipt = await response.JsonAsync();
        receipt.GetProperty("accountId").GetString().ShouldBe("ent-heating-1");
        return receipt.GetProperty("caseId").GetString()!;
    }

    private static string[] Names(JsonElement viewers) => viewers.EnumerateArray().Select(v => $"{v.GetProperty("userId").GetString()}:{v.GetProperty("activity").GetString()}").ToArray();

    [Fact]
    public async Task Viewers_of_a_case_learn_who_else_opened_it_what_he_is_doing_and_when_he_leaves()
    {
        var caseId = await HeatingCaseAsync();
        await using var officer = await PresenceHubClient.ConnectAsync(fixture.App, await fixture.As("heating1"));
        var manager = await PresenceHubClient.ConnectAsync(fixture.App, await fixture.As("wzyc"));

        Names(await officer.InvokeAsync("Watch", caseId)).ShouldBe(["heating1:viewing"]);
        Names(await manager.InvokeAsync("Watch", caseId)).ShouldBe(["heating1:viewing", "wzyc:viewing"]);
        await officer.PresenceAsync(p => p.GetProperty("viewers").GetArrayLength() == 2);

        await manager.InvokeAsync("Activity", caseId, "forwarding");
        var busy = await officer.PresenceAsync(p => Names(p.GetProperty("viewers")).Contains("wzyc:forwarding"));
        busy.GetProperty("caseId").GetString().ShouldBe(caseId);
        busy.GetProperty("viewers").EnumerateArray().Single(v => v.GetProperty("userId").GetString() == "wzyc").GetProperty("name").GetString().ShouldBe("问政银川值班员");

        await manager.DisposeAsync();
        var alone = await officer.PresenceAsync(p => p.GetProperty("viewers").GetArrayLength() == 1);
        Names(alone.GetProperty("viewers")).ShouldBe(["heating1:viewing"]);
    }

    [Fact]
    public async Task A_change_made_through_the_api_reaches_the_viewers_with_who_did_what()
    {
        var caseId = await HeatingCaseAsync();
        await using var manager = await PresenceHubClient.ConnectAsync(fixture.App, await fixture.As("wzyc"));
        await manager.InvokeAsync("Watch", caseId);

        (await (await fixture.As("heating1")).PostJsonAsync($"/api/cases/{caseId}/accept", new { })).EnsureSuccessStatusCode();

        var change = await manager.ChangeAsync(c => c.GetProperty("caseId").GetString() == caseId);
        change.GetProperty("state").GetString().ShouldBe("Accepted");
        var entry = change.GetProperty("events").EnumerateArray().Single();
        entry.GetProperty("action").GetString().ShouldBe("Accept");
        entry.GetProperty("actorUserId").GetString().ShouldBe("heating1");
        entry.GetProperty("actorAccountId").GetString().ShouldBe("ent-heating-1");
    }

    [Fact]
    public async Task An_officer_cannot_watch_a_case_outside_his_accounts_nor_claim_an_unknown_activity()
    {
        var caseId = await HeatingCaseAsync();
        await using var outsider = await PresenceHubClient.ConnectAsync(fixture.App, await fixture.As("street1"));
        await using var officer = await PresenceHubClient.ConnectAsync(fixture.App, await fixture.As("heating1"));

        (await Should.ThrowAsync<InvalidOperationException>(() => outsider.InvokeAsync("Watch", caseId))).Message.ShouldContain("outside your accounts");
        (await Should.ThrowAsync<InvalidOperationException>(() => officer.InvokeAsync("Watch", "YC20000101-NOSUCHCASE"))).Message.ShouldContain("No case");
        await officer.InvokeAsync("Watch", caseId);
        (await Should.ThrowAsync<InvalidOperationException>(() => officer.InvokeAsync("Activity", caseId, "deleting"))).Message.ShouldContain("activity is one of");
        (await Should.ThrowAsync<InvalidOperationException>(() => outsider.InvokeAsync("Activity", caseId, "replying"))).Message.ShouldContain("Watch the case first");
    }

    [Fact]
    public async Task Citizens_and_anonymous_callers_cannot_connect()
    {
        using var anonymous = fixture.App.CreateClient();
        (await anonymous.PostAsync("/hubs/cases/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        var citizen = await fixture.As("citizen1");
        (await citizen.PostAsync("/hubs/cases/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }
}
