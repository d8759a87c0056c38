using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Demo;
using CityMatrix.Silo.Outbound;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Outbound;

/// <summary>The bundled sample and the demo stream's steps, driven by hand (the background loop is off in tests).</summary>
public sealed class DemoStreamTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private readonly ManualTimeProvider _time = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(StorageKind.Sqlite);
        _silo = await _database.StartSiloAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void The_bundled_sample_is_150_to_300_valid_posts_from_every_district_with_replies_and_non_complaints()
    {
        var posts = _silo.Get<DemoStream>().Posts;

        posts.Count.ShouldBeInRange(150, 300);
        posts.ShouldAllBe(p => PostValidator.Validate(p, DateTimeOffset.UtcNow).Count == 0);
        posts.Select(p => p.PostId).Distinct().Count().ShouldBe(posts.Count);
        foreach (var district in new[] { "兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市" })
            posts.Count(p => p.Text!.Contains(district)).ShouldBeGreaterThan(5, district);
        var ids = posts.Select(p => p.PostId).ToHashSet();
        posts.Where(p => p.ReplyToPostId is not null).ShouldAllBe(p => ids.Contains(p.ReplyToPostId!));
        posts.Count(p => p.ReplyToPostId is not null).ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task Streamed_posts_open_cases_and_a_second_round_opens_new_ones_instead_of_finding_the_old()
    {
        var stream = _silo.Get<DemoStream>();
        var sample = stream.Posts.Count;

        var first = await stream.SendNextAsync();
        for (var i = 1; i < sample; i++) await stream.SendNextAsync();
        var again = await stream.SendNextAsync();

        first.PostId.ShouldBe(stream.Posts[0].PostId + "~" + first.PostId.Split('~')[1]);
        again.PostId.ShouldNotBe(first.PostId);
        again.Outcome.ShouldBe(first.Outcome);
        again.CaseId.ShouldNotBe(first.CaseId);
        (await _silo.Get<CaseQueries>().CountAsync()).ShouldBeGreaterThan(sample / 2);
    }

    [Fact]
    public async Task Answering_the_oldest_forwarded_case_puts_its_reply_on_the_feed()
    {
        var stream = _silo.Get<DemoStream>();
        for (var i = 0; i < 10; i++) await stream.SendNextAsync();

        var answered = await stream.AnswerOldestAsync();

        answered.ShouldNotBeNull();
        answered.Status.ShouldBe(CaseStatus.Closed);
        var feed = await _silo.Get<FeedQueries>().PageAsync(null, 50, null);
        feed.Items.ShouldContain(item => item.CaseId == answered.Id && item.Reply == answered.PublicReply);
    }
}
