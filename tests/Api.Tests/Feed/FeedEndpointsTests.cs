using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Feed;

/// <summary>GET /api/feed over HTTP, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class FeedEndpointsTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _anonymous = null!;

    public Task InitializeAsync()
    {
        _anonymous = fixture.App.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _anonymous.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Anyone_reads_the_newest_replies_first_with_the_complaint_and_the_answering_account_but_not_the_citizen()
    {
        var older = await RepliedCases.ReplyAsync(fixture, "第一条答复");
        var newer = await RepliedCases.ReplyAsync(fixture, "第二条答复：已派人修复");

        var response = await _anonymous.GetAsync("/api/feed?limit=2");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        raw.ShouldNotContain("citizen1");
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("caseId").GetString()).ShouldBe([newer, older]);
        var first = items[0];
        first.GetProperty("reply").GetString().ShouldBe("第二条答复：已派人修复");
        first.GetProperty("complaint").GetString().ShouldBe("兴庆区凤凰北街崇安社区暖气不热，家里只有15度");
        first.GetProperty("account").GetProperty("id").GetString().ShouldBe("ent-heating-1");
        first.GetProperty("account").GetProperty("displayName").GetString().ShouldNotBeNullOrEmpty();
        first.GetProperty("state").GetString().ShouldBe("Replied");
        first.GetProperty("topic").GetString().ShouldBe("供暖");
        first.GetProperty("rating").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_next_cursor_continues_where_the_page_ended_and_one_account_can_be_asked_for()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await RepliedCases.ReplyAsync(fixture, $"答复{i}"));

        var first = await (await _anonymous.GetAsync("/api/feed?accountId=ent-heating-1&limit=2")).JsonAsync();
        var next = first.GetProperty("next").GetString()!;
        var second = await (await _anonymous.GetAsync($"/api/feed?accountId=ent-heating-1&limit=2&before={Uri.EscapeDataString(next)}")).JsonAsync();
        var elsewhere = await (await _anonymous.GetAsync("/api/feed?accountId=street-640104001")).JsonAsync();

        var walked = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("caseId").GetString()).ToList();
        walked.Take(3).ShouldBe(Enumerable.Reverse(ids));
        walked.Distinct().Count().ShouldBe(walked.Count);
        elsewhere.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/feed?limit=0", 400, "limit")]
    [InlineData("/api/feed?limit=abc", 400, "limit")]
    [InlineData("/api/feed?limit=101", 400, "limit")]
    [InlineData("/api/feed?before=%25%25garbage", 400, "before")]
    [InlineData("/api/feed?accountId=no-such-account", 404, "accountId")]
    public async Task Bad_query_values_are_refused_naming_the_parameter(string url, int status, string field)
    {
        var response = await _anonymous.GetAsync(url);

        ((int)response.StatusCode).ShouldBe(status);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }
}

public sealed class FeedEndpointsTests_on_Sqlite(SqliteApp fixture) : FeedEndpointsTests(fixture), IClassFixture<SqliteApp>;

public sealed class FeedEndpointsTests_on_PostgreSql(PostgresApp fixture) : FeedEndpointsTests(fixture), IClassFixture<PostgresApp>;
