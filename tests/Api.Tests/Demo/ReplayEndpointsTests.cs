using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Demo;

/// <summary>POST /api/admin/replay: an NDJSON file of posts through ingestion, again and again.</summary>
public sealed class ReplayEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string Posts =
        """
        {"platform":"weibo","postId":"r-1","author":{"id":"rp-a"},"text":"金凤区长城中路街道花样年华社区暖气不热，室温只有15度","createdAt":"2026-11-20T08:00:00+08:00"}

        {"platform":"weibo","postId":"r-2","author":{"id":"rp-b"},"text":"今天阅海湾的天鹅真美","createdAt":"2026-11-20T08:05:00+08:00"}
        {"platform":"weibo","postId":"r-3","author":{"id":"rp-a"},"text":"暖气还是不热","createdAt":"2026-11-20T09:00:00+08:00","replyToPostId":"r-1"}
        """;

    private static StringContent Ndjson(string text) => new(text, System.Text.Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task Replaying_a_file_twice_ingests_it_twice_with_fresh_post_ids()
    {
        var admin = await fixture.As("admin");

        var first = await (await admin.PostAsync("/api/admin/replay", Ndjson(Posts))).JsonAsync();
        var second = await (await admin.PostAsync("/api/admin/replay", Ndjson(Posts))).JsonAsync();

        foreach (var result in new[] { first, second })
        {
            result.GetProperty("accepted").GetInt32().ShouldBe(3, result.GetRawText());
            result.GetProperty("outcomes").GetProperty("CaseOpened").GetInt32().ShouldBe(1);
            result.GetProperty("outcomes").GetProperty("JoinedCase").GetInt32().ShouldBe(1, "the follow-up joins its own round's case");
            result.GetProperty("outcomes").GetProperty("NotComplaint").GetInt32().ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_broken_line_refuses_the_file_naming_the_line_and_only_admins_may_replay()
    {
        var admin = await fixture.As("admin");
        var connector = await fixture.As("weibo-connector");

        var broken = await admin.PostAsync("/api/admin/replay", Ndjson("{\"platform\":\"weibo\"}\n{not json"));
        var missingFile = await admin.PostAsync("/api/admin/replay?path=/no/such/file.ndjson", Ndjson(""));

        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await broken.JsonAsync()).GetProperty("errors").TryGetProperty("line 2", out _).ShouldBeTrue();
        missingFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missingFile.JsonAsync()).GetProperty("errors").TryGetProperty("path", out _).ShouldBeTrue();
        (await connector.PostAsync("/api/admin/replay", Ndjson(Posts))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
