using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Cases;

/// <summary>The case lifecycle over HTTP, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class CaseEndpointsTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _client = null!;
    private static readonly string Deadline = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(8)).ToString("O");

    public async Task InitializeAsync() => _client = await As("wzyc");

    private Task<HttpClient> As(string user) => fixture.As(user);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> OpenAsync(string citizen = "citizen1")
    {
        var response = await _client.PostJsonAsync("/api/cases", new
        {
            citizenId = citizen, text = "兴庆区凤凰北街崇安社区暖气不热，家里只有16度", category = "城乡建设", topic = "供暖",
            regionCode = "640104001002", urgency = "Urgent",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/cases/{body.GetProperty("id").GetString()}");
        return body.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> ActAsync(string user, string id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await (await As(user)).PostJsonAsync($"/api/cases/{id}/{action}", body);
        var json = await response.JsonAsync();
        response.StatusCode.ShouldBe(expected, json.ToString());
        return json;
    }

    [Fact]
    public async Task A_case_goes_from_intake_to_rating_over_http_with_its_timeline()
    {
        var id = await OpenAsync();

        await ActAsync("wzyc", id, "forward", new { actingAccountId = "wzyc", toAccountId = "ent-heating-1", deadline = Deadline });
        await ActAsync("heating1", id, "accept", new { actingAccountId = "ent-heating-1" });
        await ActAsync("heating1", id, "start", new { actingAccountId = "ent-heating-1" });
        await ActAsync("heating1", id, "reply", new { actingAccountId = "ent-heating-1", text = "已派维修人员排查管网，今晚恢复供热。" });
        await ActAsync("heating1", id, "close", new { actingAccountId = "ent-heating-1" });
        await ActAsync("citizen1", id, "rate", new { solved = true, satisfied = true, comment = "谢谢" });

        var @case = await (await _client.GetAsync($"/api/cases/{id}")).JsonAsync();
        @case.GetProperty("state").GetString().ShouldBe("Rated");
        @case.GetProperty("accountId").GetString().ShouldBe("ent-heating-1");
        @case.GetProperty("publicReply").GetString().ShouldBe("已派维修人员排查管网，今晚恢复供热。");
        @case.GetProperty("category").GetString().ShouldBe("城乡建设");
        @case.GetProperty("topic").GetString().ShouldBe("供暖");
        @case.GetProperty("regionCode").GetString().ShouldBe("640104001002");
        @case.GetProperty("deadline").ValueKind.ShouldBe(JsonValueKind.String);
        @case.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString())
            .ShouldBe(["Open", "Forward", "Accept", "Start", "Reply", "Close", "Rate"]);
        var forward = @case.GetProperty("timeline")[1];
        forward.GetProperty("actorUserId").GetString().ShouldBe("wzyc");
        forward.GetProperty("fromStatus").GetString().ShouldBe("Received");
        forward.GetProperty("toStatus").GetString().ShouldBe("Forwarded");
    }

    [Fact]
    public async Task Return_extension_supervision_reopen_and_merge_work_over_http()
    {
        var id = await OpenAsync();
        await ActAsync("wzyc", id, "forward", new { actingAccountId = "wzyc", toAccountId = "street-640104001", deadline = Deadline });
        var returned = await ActAsync("street1", id, "return", new { actingAccountId = "street-640104001", reason = "属供热企业职责" });
        returned.GetProperty("accountId").GetString().ShouldBe("wzyc");

        await ActAsync("wzyc", id, "forward", new { actingAccountId = "wzyc", toAccountId = "ent-heating-1", deadline = Deadline });
        await ActAsync("heating1", id, "accept", new { actingAccountId = "ent-heating-1" });
        var until = DateTimeOffset.UtcNow.AddDays(3).ToString("O");
        await ActAsync("heating1", id, "extension-request", new { actingAccountId = "ent-heating-1", until, reason = "需更换主管道" });
        var approved = await ActAsync("zhujian", id, "extension-decision", new { actingAccountId = "bureau-zhujian", approve = true });
        await ActAsync("jiwei", id, "supervise", new { actingAccountId = "jiwei", level = 2, note = "请加快进度" });
        await ActAsync("heating1", id, "reply", new { actingAccountId = "ent-heating-1", text = "主管道已更换" });
        await ActAsync("heating1", id, "close", new { actingAccountId = "ent-heating-1" });
        var reopened = await ActAsync("citizen1", id, "reopen", new { reason = "还是不热" });

        DateTimeOffset.Parse(approved.GetProperty("deadline").GetString()!).ShouldBe(DateTimeOffset.Parse(until), TimeSpan.FromMilliseconds(1));
        reopened.GetProperty("state").GetString().ShouldBe("Reopened");
        reopened.GetProperty("supervisionLevel").GetInt32().ShouldBe(2);
        reopened.GetProperty("firstReceiverId").GetString().ShouldBe("street-640104001");

        var duplicate = await OpenAsync("citizen2");
        var merged = await ActAsync("wzyc", duplicate, "merge", new { actingAccountId = "wzyc", intoCaseId = id, reason = "同一问题" });
        merged.GetProperty("state").GetString().ShouldBe("Merged");
    }

    [Fact]
    public async Task An_illegal_transition_is_a_409_and_changes_nothing()
    {
        var id = await OpenAsync();

        var problem = await ActAsync("wzyc", id, "close", new { actingAccountId = "wzyc" }, HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain("Received");
        var @case = await (await _client.GetAsync($"/api/cases/{id}")).JsonAsync();
        @case.GetProperty("state").GetString().ShouldBe("Received");
        @case.GetProperty("timeline").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Acting_for_an_account_that_does_not_hold_the_case_is_a_403()
    {
        var id = await OpenAsync();
        await ActAsync("wzyc", id, "forward", new { actingAccountId = "wzyc", toAccountId = "ent-heating-1", deadline = Deadline });

        var problem = await ActAsync("heating1", id, "accept", new { actingAccountId = "ent-heating-2" }, HttpStatusCode.Forbidden);

        problem.GetProperty("errors").TryGetProperty("actingAccountId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_cases_are_404()
    {
        (await _client.GetAsync("/api/cases/YC20200101-NOPE")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ActAsync("wzyc", "YC20200101-NOPE", "accept", new { actingAccountId = "wzyc" }, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "", """{"text":"x","category":"其他"}""", "citizenId" },
        { "", """{"citizenId":"c","category":"其他"}""", "text" },
        { "", """{"citizenId":"c","text":"x"}""", "category" },
        { "", """{"citizenId":"c","text":"x","category":"其他","urgency":"Whenever"}""", "urgency" },
        { "", """{"citizenId":"c","text":"x","category":"其他","regionCode":640104}""", "regionCode" },
        { "forward", """{"actingAccountId":"wzyc","toAccountId":"ent-heating-1","deadline":"tomorrow"}""", "deadline" },
        { "forward", """{"actingAccountId":"wzyc","toAccountId":"ent-heating-1"}""", "deadline" },
        { "forward", """{"actingAccountId":"wzyc","deadline":"2030-01-01T00:00:00+08:00"}""", "toAccountId" },
        { "forward", """{"actingAccountId":"wzyc","toAccountId":"ent-heating-1","deadline":"2001-01-01T00:00:00+08:00"}""", "deadline" },
        { "supervise", """{"actingAccountId":"jiwei","level":"high","note":"x"}""", "level" },
        { "supervise", """{"actingAccountId":"jiwei","level":7,"note":"x"}""", "level" },
        { "supervise", """{"actingAccountId":"jiwei","level":1}""", "note" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_a_400_naming_the_field(string action, string body, string field)
    {
        var url = "/api/cases";
        if (action != "") url = $"/api/cases/{await OpenAsync()}/{action}";

        var client = await As(action == "supervise" ? "jiwei" : "wzyc");

        var response = await client.PostRawAsync(url, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_400()
    {
        var response = await _client.PostRawAsync("/api/cases", "{citizenId: oops");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}

public sealed class CaseEndpointsTests_on_Sqlite(SqliteApp app) : CaseEndpointsTests(app), IClassFixture<SqliteApp>;

public sealed class CaseEndpointsTests_on_PostgreSql(PostgresApp app) : CaseEndpointsTests(app), IClassFixture<PostgresApp>;
