using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Feed;

/// <summary>Walks a case over HTTP to its public reply: 受理 by @问政银川, 转办 to the heating company, 签收, 回复.</summary>
public static class RepliedCases
{
    public static async Task<string> ReplyAsync(AppFixture fixture, string reply, string citizen = "citizen1")
    {
        var manager = await fixture.As("wzyc");
        var heating = await fixture.As("heating1");
        var opened = await manager.PostJsonAsync("/api/cases", new
        {
            citizenId = citizen, text = "兴庆区凤凰北街崇安社区暖气不热，家里只有15度", category = "城乡建设", topic = "供暖", regionCode = "640104001002",
        });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await opened.JsonAsync()).GetProperty("id").GetString()!;
        var deadline = DateTimeOffset.UtcNow.AddDays(2).ToString("O");
        (await manager.PostJsonAsync($"/api/cases/{id}/forward", new { actingAccountId = "wzyc", toAccountId = "ent-heating-1", deadline })).EnsureSuccessStatusCode();
        (await heating.PostJsonAsync($"/api/cases/{id}/accept", new { })).EnsureSuccessStatusCode();
        (await heating.PostJsonAsync($"/api/cases/{id}/reply", new { text = reply })).EnsureSuccessStatusCode();
        return id;
    }
}
