using System.Net;
using System.Text;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Posts;

/// <summary>Ingestion whose own loop failed, over HTTP: an app of its own, since ingestion stays stopped.</summary>
public sealed class IngestionStoppedTests : IAsyncLifetime
{
    private CityMatrixApp _app = null!;

    public async Task InitializeAsync() => _app = await CityMatrixApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Post(string id) => new
    {
        platform = "weibo", postId = id, author = new { id = "weibo-user-1", name = "网友" },
        text = "西夏区怀远路的路灯坏了一个多月了，晚上走路太危险，什么时候修？", createdAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task After_an_ingestion_loop_fails_posts_get_a_503_problem_and_the_health_check_says_why()
    {
        var connector = await _app.ClientForAsync("weibo-connector");
        (await connector.PostJsonAsync("/api/posts", Post("before-the-failure"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        _app.Services.GetRequiredService<PostIngestionQueue>().OnStageTurn = stage => throw new InvalidOperationException($"the {stage} loop broke");

        var during = await connector.PostJsonAsync("/api/posts", Post("during-the-failure"));
        var after = await connector.PostAsync("/api/posts/batch",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(Post("after-the-failure")) + "\n", Encoding.UTF8, "application/x-ndjson"));
        var health = await _app.CreateClient().GetAsync("/health");

        foreach (var response in new[] { during, after, health })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        (await during.JsonAsync()).GetProperty("title").GetString()!.ShouldContain("nothing was stored");
        (await health.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("the take loop broke");
        // Acknowledged before: stored. Refused: not stored.
        (await connector.GetAsync("/api/posts/weibo/before-the-failure")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await connector.GetAsync("/api/posts/weibo/during-the-failure")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
