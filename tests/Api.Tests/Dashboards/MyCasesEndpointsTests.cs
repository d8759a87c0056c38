using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Dashboards;

/// <summary>GET /api/my/cases: the citizen page's list of the citizen's own cases.</summary>
public sealed class MyCasesEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private async Task<string> PostAsync(string citizen, string text)
    {
        var response = await (await fixture.As(citizen)).PostJsonAsync("/api/posts", new
        {
            platform = "citymatrix", postId = Guid.NewGuid().ToString("N"), author = new { id = citizen }, text, createdAt = DateTimeOffset.UtcNow,
        });
        return (await response.JsonAsync()).GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task A_citizen_lists_his_own_cases_newest_first_and_never_another_citizens()
    {
        var older = await PostAsync("citizen1", $"兴庆区凤凰北街崇安社区暖气不热，家里只有十五度（{Guid.NewGuid():N}）");
        var newer = await PostAsync("citizen1", $"西夏区怀远路路灯坏了一个星期，晚上走路很危险（{Guid.NewGuid():N}）");
        var others = await PostAsync("citizen2", $"金凤区万达广场附近噪音扰民，半夜施工（{Guid.NewGuid():N}）");

        var mine = (await (await (await fixture.As("citizen1")).GetAsync("/api/my/cases")).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var theirs = (await (await (await fixture.As("citizen2")).GetAsync("/api/my/cases")).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();

        mine.ShouldContain(older);
        mine.IndexOf(newer).ShouldBeLessThan(mine.IndexOf(older));
        mine.ShouldNotContain(others);
        theirs.ShouldBe([others]);
    }

    [Fact]
    public async Task A_bad_limit_is_400_naming_it_and_staff_are_refused()
    {
        var response = await (await fixture.As("citizen1")).GetAsync("/api/my/cases?limit=0");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
        (await (await fixture.As("heating1")).GetAsync("/api/my/cases")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
