using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Search;

/// <summary>GET /api/search over HTTP, on SQLite and on PostgreSQL (subclasses below). Each test uses words of its own.</summary>
public abstract class SearchEndpointsTests(AppFixture fixture)
{
    private static readonly string Deadline = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(8)).ToString("O");

    private async Task<JsonElement> SearchAsync(string user, string query, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await (await fixture.As(user)).GetAsync($"/api/search?{query}");
        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(expected, json.ToString());
        return json;
    }

    private static List<string> Ids(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private async Task<string> OpenAsync(string citizen, string text, string? forwardTo)
    {
        var wzyc = await fixture.As("wzyc");
        var response = await wzyc.PostJsonAsync("/api/cases", new { citizenId = citizen, text, category = "城乡建设", topic = "供暖", regionCode = "640104001002" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.JsonAsync()).GetProperty("id").GetString()!;
        if (forwardTo is not null)
            (await wzyc.PostJsonAsync($"/api/cases/{id}/forward", new { actingAccountId = "wzyc", toAccountId = forwardTo, deadline = Deadline })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_post_from_the_weibo_connector_is_found_by_its_words_with_the_words_marked()
    {
        var connector = await fixture.As("weibo-connector");
        var postId = $"search-{Guid.NewGuid():N}";
        var text = "银新北路菜市场门口的井盖丢了，晚上骑车差点掉进去，太危险了";
        (await connector.PostJsonAsync("/api/posts", new
        {
            platform = "weibo", postId, author = new { id = "u-well", name = "路人" }, text, createdAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var found = await SearchAsync("admin", "q=" + Uri.EscapeDataString("井盖 菜市场") + "&kind=post");

        var hit = found.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == $"weibo:{postId}");
        hit.GetProperty("kind").GetString().ShouldBe("post");
        hit.GetProperty("snippet").GetString()!.ShouldContain("<em>井盖</em>");
        hit.GetProperty("snippet").GetString()!.Replace("<em>", "").Replace("</em>", "").ShouldBe(text);
        found.GetProperty("total").GetInt32().ShouldBe(1);
        found.GetProperty("facets").GetProperty("category").EnumerateObject().Sum(p => p.Value.GetInt32()).ShouldBe(1);
    }

    [Fact]
    public async Task An_officer_finds_only_cases_of_his_accounts_and_a_reply_once_it_is_written()
    {
        var heatingCase = await OpenAsync("citizen1", "丽景街小区锅炉房半夜一直轰鸣，吵得睡不着", "ent-heating-1");
        var streetCase = await OpenAsync("citizen2", "凤凰北街锅炉房门口堆满了煤渣", "street-640104001");

        Ids(await SearchAsync("heating1", "q=锅炉房")).ShouldBe([heatingCase]);
        Ids(await SearchAsync("street1", "q=锅炉房")).ShouldBe([streetCase]);
        Ids(await SearchAsync("admin", "q=锅炉房")).Order().ShouldBe(new[] { heatingCase, streetCase }.Order());
        Ids(await SearchAsync("xingqing", "q=锅炉房&accountId=district-640104")).ShouldBe([streetCase]);
        Ids(await SearchAsync("heating1", "q=阀门")).ShouldNotContain(heatingCase);

        var heating1 = await fixture.As("heating1");
        (await heating1.PostJsonAsync($"/api/cases/{heatingCase}/accept", new { actingAccountId = "ent-heating-1" })).EnsureSuccessStatusCode();
        (await heating1.PostJsonAsync($"/api/cases/{heatingCase}/reply", new { actingAccountId = "ent-heating-1", text = "已更换锅炉房循环泵的阀门，噪音已消除" })).EnsureSuccessStatusCode();

        var replied = await SearchAsync("heating1", "q=阀门&state=Replied");
        var hit = replied.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == heatingCase);
        hit.GetProperty("replySnippet").GetString()!.ShouldContain("<em>阀门</em>");
        hit.GetProperty("state").GetString().ShouldBe("Replied");
    }

    [Fact]
    public async Task A_citizen_finds_only_his_own_cases()
    {
        var mine = await OpenAsync("citizen1", "长城中路小区的健身器材坏了很久没人修", null);
        var theirs = await OpenAsync("citizen2", "长城中路公园的健身器材被人拆走了", null);

        var found = Ids(await SearchAsync("citizen1", "q=健身器材"));

        found.ShouldContain(mine);
        found.ShouldNotContain(theirs);
    }

    [Theory]
    [InlineData("q=", "q")]
    [InlineData("q=%EF%BC%8C%E3%80%82", "q")]
    [InlineData("q=x&from=yesterday", "from")]
    [InlineData("q=x&from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("q=x&state=Sleeping", "state")]
    [InlineData("q=x&limit=201", "limit")]
    [InlineData("q=x&offset=-1", "offset")]
    [InlineData("q=x&kind=tweet", "kind")]
    [InlineData("q=x&accountId=no-such-account", "accountId")]
    [InlineData("q=x&region=jinfeng", "region")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string field)
    {
        var problem = await SearchAsync("wzyc", query, HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Search_needs_sign_in()
    {
        using var anonymous = fixture.App.CreateClient();

        (await anonymous.GetAsync("/api/search?q=暖气")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class SearchEndpointsTests_on_Sqlite(SqliteApp app) : SearchEndpointsTests(app), IClassFixture<SqliteApp>;

public sealed class SearchEndpointsTests_on_PostgreSql(PostgresApp app) : SearchEndpointsTests(app), IClassFixture<PostgresApp>;
