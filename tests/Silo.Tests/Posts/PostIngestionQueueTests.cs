using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Posts;

/// <summary>
/// Posts sent at once, one per request or in batches from many callers, are stored together; each caller still gets,
/// line by line, the receipt it would have had alone, and posts are decided in the order they queued.
/// </summary>
public abstract class PostIngestionQueueTests(StorageKind kind)
    : SiloOnDatabase(kind, new ManualTimeProvider(new DateTimeOffset(2026, 11, 15, 2, 0, 0, TimeSpan.Zero)))
{
    private const string HeatingComplaint = "兴庆区凤凰北街崇安社区暖气一点都不热，家里才15度，热力公司什么时候能管管？";

    private const string NoiseComplaint = "金凤区正源街这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管";

    private IncomingPost Post(string id, string text, string author) =>
        new("weibo", id, new PostAuthor(author, "网友"), text, Time!.GetUtcNow(), null, [], null);

    [Fact]
    public async Task Batches_queued_side_by_side_are_each_answered_line_by_line_as_if_sent_alone()
    {
        // Ten citizens, two topics in two places, eight batches at once; each batch also holds a bad line and a repeat of its first line.
        var batches = Enumerable.Range(0, 8).Select(b => Enumerable.Range(0, 10)
                .Select(i => (IncomingPost?)Post($"side-{b}-{i}", (b + i) % 2 == 0 ? HeatingComplaint : NoiseComplaint, $"side-{i}"))
                .Append(new IncomingPost("weibo", $"side-{b}-bad", new PostAuthor($"side-{b}", null), "", Time!.GetUtcNow(), null, null, null))
                .Append(Post($"side-{b}-0", (b % 2 == 0) ? HeatingComplaint : NoiseComplaint, "side-0"))
                .ToList())
            .ToList();
        var queue = Silo.Get<PostIngestionQueue>();

        var answers = await Task.WhenAll(batches.Select(batch => Task.Run(() => queue.IngestBatchAsync(batch))));

        for (var b = 0; b < batches.Count; b++)
        {
            answers[b].Count.ShouldBe(12);
            for (var i = 0; i < 10; i++) answers[b][i].Receipt!.PostId.ShouldBe($"side-{b}-{i}");
            answers[b][10].Receipt.ShouldBeNull();
            answers[b][10].Errors!.Keys.ShouldBe(["text"]);
            answers[b][11].ShouldBe(answers[b][0]);
        }
        var cases = await CasesAsync();
        cases.Count.ShouldBe(20); // one per citizen and topic: every later post joined
        cases.Sum(c => c.Timeline.Count(e => e.Action == CaseAction.AttachPost)).ShouldBe(80 - 20);
        foreach (var place in cases.GroupBy(c => (c.Topic, c.RegionCode)))
        {
            place.Count(c => c.IncidentId == c.Id).ShouldBe(1, $"{place.Key}: one incident root");
            place.Select(c => c.IncidentId).Distinct().Count().ShouldBe(1, $"{place.Key}: one incident");
        }
    }

    [Fact]
    public async Task A_batch_larger_than_a_chunk_is_decided_in_its_own_order()
    {
        var posts = Enumerable.Range(0, PostBatchIngestion.ChunkSize * 2 + 10)
            .Select(i => (IncomingPost?)Post($"big-{i}", i % 2 == 0 ? HeatingComplaint : NoiseComplaint, $"citizen-{i % 7}"))
            .ToList();

        var outcomes = await Silo.Get<PostIngestionQueue>().IngestBatchAsync(posts);

        // Seven citizens, two topics: the first line of each citizen and topic opened the case, every later one joined it.
        for (var i = 0; i < posts.Count; i++)
            outcomes[i].Receipt!.Outcome.ShouldBe(i < 14 ? PostOutcome.CaseOpened : PostOutcome.JoinedCase, $"line {i + 1}");
        (await CasesAsync()).Count.ShouldBe(14);
    }

    [Fact]
    public async Task The_same_post_in_two_batches_at_once_is_stored_once_and_both_get_its_receipt()
    {
        var queue = Silo.Get<PostIngestionQueue>();
        IncomingPost?[] first = [Post("twice", HeatingComplaint, "citizen-1"), Post("one", NoiseComplaint, "citizen-2")];
        IncomingPost?[] second = [Post("two", NoiseComplaint, "citizen-3"), Post("twice", HeatingComplaint, "citizen-1")];

        var answers = await Task.WhenAll(Task.Run(() => queue.IngestBatchAsync(first)), Task.Run(() => queue.IngestBatchAsync(second)));

        answers[1][1].ShouldBe(answers[0][0]);
        answers[0][0].Receipt!.Outcome.ShouldBe(PostOutcome.CaseOpened);
        (await Silo.Get<PostStore>().FindManyAsync(["weibo:twice", "weibo:one", "weibo:two"])).Count.ShouldBe(3);
        (await CasesAsync()).Count.ShouldBe(3);
    }

    private async Task<List<CaseState>> CasesAsync()
    {
        await using var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id);
        foreach (var @event in await db.CaseEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync()) cases[@event.CaseId].Timeline.Add(@event);
        return [.. cases.Values];
    }

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

    [Theory]
    [InlineData("take")]
    [InlineData("decide")]
    public async Task A_stage_loop_that_fails_stops_ingestion_loudly_instead_of_leaving_posts_waiting(string stage)
    {
        var queue = Silo.Get<PostIngestionQueue>();
        var store = Silo.Get<PostStore>();
        await queue.IngestAsync(Post("before", HeatingComplaint, "citizen-1"));
        queue.OnStageTurn = turn =>
        {
            if (turn == stage) throw new InvalidOperationException($"the {stage} loop broke");
        };

        // Bounded only so that a regression fails instead of hanging: the post is refused, not left waiting.
        var during = await Should.ThrowAsync<PostIngestionStoppedException>(
            () => queue.IngestAsync(Post("during", NoiseComplaint, "citizen-2")).WaitAsync(TimeSpan.FromSeconds(30)));
        var after = await Should.ThrowAsync<PostIngestionStoppedException>(
            () => queue.IngestBatchAsync([Post("after", NoiseComplaint, "citizen-3")]).WaitAsync(TimeSpan.FromSeconds(30)));

        during.InnerException!.Message.ShouldBe($"the {stage} loop broke");
        after.InnerException!.Message.ShouldBe($"the {stage} loop broke");
        queue.Stopped.ShouldNotBeNull();
        (await store.FindAsync(PostRecord.KeyOf("weibo", "before"))).ShouldNotBeNull();
        (await store.FindAsync(PostRecord.KeyOf("weibo", "during"))).ShouldBeNull();
        (await store.FindAsync(PostRecord.KeyOf("weibo", "after"))).ShouldBeNull();
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
