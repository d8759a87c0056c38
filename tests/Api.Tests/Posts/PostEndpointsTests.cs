using System.Net;
using System.Text;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Posts;

/// <summary>Ingestion over HTTP, on SQLite and PostgreSQL (subclasses below).</summary>
public abstract class PostEndpointsTests(AppFixture fixture)
{
    private static object Post(string id, string text, string author = "weibo-user-1") => new
    {
        platform = "weibo", postId = id, author = new { id = author, name = "网友" }, text,
        createdAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)), mentions = new[] { "@问政银川" },
    };

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_complaint_post_is_accepted_with_its_case_and_the_same_post_again_gets_the_same_answer()
    {
        var connector = await fixture.As("weibo-connector");
        var body = Post(Unique("p"), "西夏区怀远路的路灯坏了一个多月了，晚上走路太危险，什么时候修？");

        var first = await connector.PostJsonAsync("/api/posts", body);
        var again = await connector.PostJsonAsync("/api/posts", body);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await first.JsonAsync();
        receipt.GetProperty("caseId").GetString().ShouldStartWith("YC");
        receipt.GetProperty("postId").GetString().ShouldNotBeNull();
        (await again.Content.ReadAsStringAsync()).ShouldBe(receipt.GetRawText());
        var manager = await fixture.As("wzyc");
        var @case = await (await manager.GetAsync($"/api/cases/{receipt.GetProperty("caseId").GetString()}")).JsonAsync();
        @case.GetProperty("posts").GetArrayLength().ShouldBe(1);
        @case.GetProperty("posts")[0].GetProperty("isComplaint").GetBoolean().ShouldBeTrue();
        @case.GetProperty("posts")[0].GetProperty("keywords").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_bad_post_gets_a_400_naming_every_field_at_fault()
    {
        var connector = await fixture.As("weibo-connector");

        var response = await connector.PostRawAsync("/api/posts", """{"platform":"weibo","author":{},"text":"","location":{"lat":123,"lon":5}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "postId", "author.id", "text", "createdAt", "location.lat" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
    }

    [Fact]
    public async Task An_oversized_post_is_a_413()
    {
        var connector = await fixture.As("weibo-connector");

        var response = await connector.PostJsonAsync("/api/posts", Post(Unique("big"), new string('长', 600_000)));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_batch_keeps_the_good_lines_and_names_the_bad_ones()
    {
        var connector = await fixture.As("weibo-connector");
        var good1 = JsonSerializer.Serialize(Post(Unique("b"), "兴庆区解放西街这家超市卖过期食品，食品安全谁来管？", "batch-a"));
        var good2 = JsonSerializer.Serialize(Post(Unique("b"), "今天银川天气真好，去阅海公园散步了", "batch-b"));
        var ndjson = string.Join('\n', good1, "{not json", good2, """{"platform":"weibo","postId":"x"}""", "");

        var response = await connector.PostAsync("/api/posts/batch", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var result = await response.JsonAsync();
        result.GetProperty("accepted").GetInt32().ShouldBe(2);
        result.GetProperty("rejected").GetInt32().ShouldBe(2);
        var lines = result.GetProperty("lines").EnumerateArray().ToList();
        lines[0].GetProperty("receipt").GetProperty("outcome").GetString().ShouldBe("CaseOpened");
        lines[1].GetProperty("line").GetInt32().ShouldBe(2);
        lines[1].GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
        lines[2].GetProperty("receipt").GetProperty("outcome").GetString().ShouldBe("NotComplaint");
        lines[3].GetProperty("errors").TryGetProperty("author.id", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_batch_of_more_than_ten_thousand_lines_is_a_413_and_stores_nothing()
    {
        var connector = await fixture.As("weibo-connector");
        var prefix = Unique("flood");
        var ndjson = string.Join('\n', Enumerable.Range(0, 10_001).Select(i => JsonSerializer.Serialize(Post($"{prefix}-{i}", "路灯坏了"))));

        var response = await connector.PostAsync("/api/posts/batch", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await connector.GetAsync($"/api/posts/weibo/{prefix}-0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_citizen_posts_as_himself_and_then_reads_his_case()
    {
        var citizen = await fixture.As("citizen2");

        var response = await citizen.PostJsonAsync("/api/posts", Post(Unique("own"), "金凤区丽景街小区门口的下水道堵了，污水漫到路上，请尽快处理", author: "someone-else"));

        var receipt = await response.JsonAsync();
        receipt.GetProperty("platform").GetString().ShouldBe("citymatrix");
        var caseId = receipt.GetProperty("caseId").GetString();
        var @case = await (await citizen.GetAsync($"/api/cases/{caseId}")).JsonAsync();
        @case.GetProperty("citizenId").GetString().ShouldBe("citizen2");
    }

    [Fact]
    public async Task Officers_cannot_inject_posts()
    {
        var officer = await fixture.As("heating1");

        (await officer.PostJsonAsync("/api/posts", Post(Unique("o"), "暖气不热"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class PostEndpointsTests_on_Sqlite(SqliteApp app) : PostEndpointsTests(app), IClassFixture<SqliteApp>;

public sealed class PostEndpointsTests_on_PostgreSql(PostgresApp app) : PostEndpointsTests(app), IClassFixture<PostgresApp>;
