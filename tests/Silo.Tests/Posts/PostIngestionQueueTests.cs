using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Posts;

/// <summary>Single posts sent at once are stored together; each caller still gets the receipt it would have had alone.</summary>
public abstract class PostIngestionQueueTests(StorageKind kind)
    : SiloOnDatabase(kind, new ManualTimeProvider(new DateTimeOffset(2026, 11, 15, 2, 0, 0, TimeSpan.Zero)))
{
    private const string HeatingComplaint = "兴庆区凤凰北街崇安社区暖气一点都不热，家里才15度，热力公司什么时候能管管？";

    private IncomingPost Post(string id, string text, string author) =>
        new("weibo", id, new PostAuthor(author, "网友"), text, Time!.GetUtcNow(), null, [], null);

    [Fact]
    public async Task Posts_sent_at_once_are_each_answered_as_alone_and_form_one_incident()
    {
        var queue = Silo.Get<PostIngestionQueue>();
        var posts = Enumerable.Range(0, 30).Select(i => Post($"q{i}", HeatingComplaint, $"citizen-{i}"))
            .Append(Post("q0", HeatingComplaint, "citizen-0"))
            .Append(Post("repeat", "崇安社区的暖气还是不热，热力公司到底管不管？", "citizen-3"))
            .Append(Post("calm", "今天金凤区的天气真好，去阅海公园散步了", "citizen-4"))
            .ToList();

        var receipts = await Task.WhenAll(posts.Select(p => Task.Run(() => queue.IngestAsync(p))));

        receipts[30].ShouldBe(receipts[0]);
        receipts.Take(30).Select(r => r.CaseId).Distinct().Count().ShouldBe(30);
        receipts.Take(30).ShouldAllBe(r => r.AccountId!.StartsWith("ent-heating-"));
        receipts.Take(30).Where((_, i) => i != 3).ShouldAllBe(r => r.Outcome == PostOutcome.CaseOpened);
        receipts[^1].Outcome.ShouldBe(PostOutcome.NotComplaint);
        var grains = Silo.Get<IGrainFactory>();
        var cases = await Task.WhenAll(receipts.Take(30).Select(r => grains.GetGrain<ICaseGrain>(r.CaseId!).GetAsync()));
        cases.Select(c => c!.IncidentId).Distinct().Count().ShouldBe(1);
        cases.Count(c => c!.IncidentId == c.Id).ShouldBe(1);
        // Citizen 3's two posts make one case, whichever came first and whether they met in one chunk or not.
        var citizen3 = new[] { receipts[3], receipts[^2] };
        citizen3.Select(r => r.CaseId).Distinct().Count().ShouldBe(1);
        citizen3.Select(r => r.Outcome).ShouldBe([PostOutcome.CaseOpened, PostOutcome.JoinedCase], ignoreOrder: true);
        (await Silo.Get<CaseQueries>().CountAsync()).ShouldBe(30);
    }

    [Fact]
    public async Task A_bad_post_is_refused_before_it_queues_with_every_fault()
    {
        var bad = new IncomingPost("Weibo!", "", new PostAuthor(null, null), "", null, null, null, null);

        var refusal = await Should.ThrowAsync<PostRejectedException>(() => Silo.Get<PostIngestionQueue>().IngestAsync(bad));

        refusal.Faults.Select(f => f.Field).ShouldBe(["platform", "postId", "author.id", "text", "createdAt"]);
        (await Silo.Get<PostStore>().FindManyAsync(["Weibo!:"])).ShouldBeEmpty();
    }
}

public sealed class PostIngestionQueueTests_on_Sqlite() : PostIngestionQueueTests(StorageKind.Sqlite);

public sealed class PostIngestionQueueTests_on_PostgreSql() : PostIngestionQueueTests(StorageKind.PostgreSql);
