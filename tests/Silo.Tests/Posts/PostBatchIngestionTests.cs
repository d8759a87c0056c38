using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Search;
using CityMatrix.Silo.Tests.Infrastructure;
using CityMatrix.Silo.Tests.Search;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Posts;

/// <summary>
/// The batch path against the single-post path: the same posts, at the same (manual) times, into two databases,
/// must end in the same receipts, cases, timelines, posts and counters. Real NLP models, SQLite and PostgreSQL.
/// </summary>
public abstract class PostBatchIngestionTests(StorageKind kind) : IAsyncLifetime
{
    private const string HeatingComplaint = "兴庆区凤凰北街崇安社区暖气一点都不热，家里才15度，热力公司什么时候能管管？";
    private const string NoiseComplaint = "金凤区正源街这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管";
    private const string GasLeak = "兴庆区凤凰北街崇安社区楼道里有很大的燃气泄漏味道，快来人救命！";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 15, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _singleDatabase = null!;
    private TestDatabase _batchDatabase = null!;
    private SiloHost _single = null!;
    private SiloHost _batch = null!;

    public async Task InitializeAsync()
    {
        _singleDatabase = await TestDatabase.CreateAsync(kind);
        _batchDatabase = await TestDatabase.CreateAsync(kind);
        _single = await _singleDatabase.StartSiloAsync(_time);
        _batch = await _batchDatabase.StartSiloAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _single.DisposeAsync();
        await _batch.DisposeAsync();
        await _singleDatabase.DisposeAsync();
        await _batchDatabase.DisposeAsync();
    }

    private IncomingPost Post(string id, string text, string author, string? replyTo = null) =>
        new("weibo", id, new PostAuthor(author, "网友"), text, _time.GetUtcNow(), null, [], replyTo);

    /// <summary>Every case of the pattern's situations: incidents inside the batch, a repeat, a reply, a non-complaint, a repeated line, a bad line.</summary>
    private IncomingPost?[] FirstBatch() =>
    [
        Post("h1", HeatingComplaint, "a"),
        Post("h2", "崇安社区暖气不热，屋里冷得要穿羽绒服，热力公司管管吧", "b"),
        Post("h3", "崇安社区暖气也不热，什么时候能修好？", "c"),
        Post("h4", "崇安社区的暖气还是不热，热力公司到底管不管？", "a"),
        Post("n1", NoiseComplaint, "u7"),
        Post("n2", "补充一下，昨晚又吵到凌晨三点，噪音扰民太严重了，请尽快处理", "u7", replyTo: "n1"),
        Post("q1", "今天金凤区的天气真好，去阅海公园散步了", "q"),
        Post("g1", GasLeak, "g"),
        Post("h1", HeatingComplaint, "a"),
        new IncomingPost("Weibo!", "", new PostAuthor(null, null), "", null, null, null, null),
        null,
    ];

    /// <summary>Posts that continue what the first batch stored: a repeat and a reply to stored cases, incidents rooted in stored cases.</summary>
    private IncomingPost?[] SecondBatch() =>
    [
        Post("h5", "崇安社区暖气到现在还是不热，热力公司到底什么时候修？", "a"),
        Post("n3", "烧烤店今晚又吵到半夜，噪音扰民，请尽快处理", "u7", replyTo: "n1"),
        Post("h6", "崇安社区我家暖气也不热，孩子都冻感冒了，热力公司管管", "d"),
        Post("g2", "崇安社区楼道燃气泄漏味道很大，太危险了，快来人看看", "e"),
        Post("q2", "周末带孩子去沙湖玩，风景不错", "q"),
        Post("n1", NoiseComplaint, "u7"),
    ];

    private async Task<List<PostBatchOutcome>> SendOneByOneAsync(IEnumerable<IncomingPost?> posts)
    {
        var outcomes = new List<PostBatchOutcome>();
        foreach (var post in posts)
        {
            try
            {
                outcomes.Add(PostBatchOutcome.Accepted(await _single.Get<PostIngestion>().IngestAsync(post!)));
            }
            catch (PostRejectedException e)
            {
                outcomes.Add(PostBatchOutcome.Rejected(e.Errors));
            }
            catch (NullReferenceException)
            {
                outcomes.Add(PostBatchOutcome.Rejected(new PostRejectedException([new PostFault("$", "null")]).Errors));
            }
        }
        return outcomes;
    }

    [Fact]
    public async Task A_batch_ends_in_the_same_receipts_cases_posts_and_counters_as_the_same_posts_sent_one_by_one()
    {
        var batch = _batch.Get<PostBatchIngestion>();

        var singleFirst = await SendOneByOneAsync(FirstBatch());
        var batchFirst = await batch.IngestAsync(FirstBatch());
        _time.Advance(TimeSpan.FromHours(1));
        var singleSecond = await SendOneByOneAsync(SecondBatch());
        var batchSecond = await batch.IngestAsync(SecondBatch());

        ShouldBeSameAnswers(batchFirst, singleFirst);
        ShouldBeSameAnswers(batchSecond, singleSecond);
        batchFirst[^2].Errors!.Keys.ShouldBe(["platform", "postId", "author.id", "text", "createdAt"]);
        batchFirst[^1].Errors!.Keys.ShouldBe(["$"]);

        // The situations really happened: an incident of three, a repeat and replies joined, a stored root linked.
        var cases = await CasesAsync(_batch);
        cases.Count.ShouldBe(7);
        var heating = cases[batchFirst[0].Receipt!.CaseId!];
        heating.IncidentId.ShouldBe(heating.Id);
        cases.Values.Count(c => c.IncidentId == heating.Id).ShouldBe(4);
        heating.Timeline.Count(e => e.Action == CaseAction.AttachPost).ShouldBe(2);
        cases[batchFirst[4].Receipt!.CaseId!].Timeline.Count(e => e.Action == CaseAction.AttachPost).ShouldBe(2);
        cases[batchFirst[7].Receipt!.CaseId!].IncidentId.ShouldBe(batchFirst[7].Receipt!.CaseId);
        batchFirst[8].ShouldBe(batchFirst[0]);

        var singleCases = await CasesAsync(_single);
        cases.Keys.Order().ShouldBe(singleCases.Keys.Order());
        foreach (var (id, state) in cases)
        {
            var other = singleCases[id];
            (state.Status, state.AccountId, state.IncidentId, state.Deadline, state.FirstResponseDue, state.Category, state.Topic, state.RegionCode, state.Urgency, state.CitizenId)
                .ShouldBe((other.Status, other.AccountId, other.IncidentId, other.Deadline, other.FirstResponseDue, other.Category, other.Topic, other.RegionCode, other.Urgency, other.CitizenId), id);
            state.Timeline.Select(e => (e.Seq, e.Action, e.At, e.PostKey, e.TargetAccountId, e.RelatedCaseId))
                .ShouldBe(other.Timeline.Select(e => (e.Seq, e.Action, e.At, e.PostKey, e.TargetAccountId, e.RelatedCaseId)), id);
        }
        (await PostsAsync(_batch)).ShouldBe(await PostsAsync(_single));

        await _single.Get<ISearchIndex>().CatchUpAsync();
        await _batch.Get<ISearchIndex>().CatchUpAsync();
        // Same tokens for the same documents, none stale (row versions differ: a batch writes a case once, not once per post).
        var searchRows = await SearchRows.ReadAsync(_batch);
        searchRows.Select(r => (r.Kind, r.Id, r.Tokens)).ShouldBe((await SearchRows.ReadAsync(_single)).Select(r => (r.Kind, r.Id, r.Tokens)));
        searchRows.ShouldAllBe(r => r.Version >= r.SourceVersion);
        var found = await _batch.Get<ISearchIndex>().SearchAsync(new SearchRequest(SearchQuery.Parse("暖气")), SearchScope.All);
        found.Total.ShouldBe((await _single.Get<ISearchIndex>().SearchAsync(new SearchRequest(SearchQuery.Parse("暖气")), SearchScope.All)).Total);
        found.Total.ShouldBeGreaterThan(6);

        var counters = (await _batch.Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
        var recomputed = await _batch.Get<MetricsRecomputation>().AllRowsAsync();
        counters.Keys.Order().ShouldBe(recomputed.Keys.Order());
        foreach (var (key, counts) in recomputed) counters[key].ShouldBe(counts, key.ToString());
        var singleCounters = (await _single.Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
        counters.Keys.Order().ShouldBe(singleCounters.Keys.Order());
        foreach (var (key, counts) in singleCounters) counters[key].ShouldBe(counts, key.ToString());
    }

    [Fact]
    public async Task A_batch_sent_again_is_answered_the_same_and_stores_nothing_twice()
    {
        var batch = _batch.Get<PostBatchIngestion>();
        var first = await batch.IngestAsync(FirstBatch());
        var cases = (await CasesAsync(_batch)).Values.Select(c => (c.Id, c.Version, c.Timeline.Count)).Order().ToList();
        var posts = await PostsAsync(_batch);

        var again = await batch.IngestAsync(FirstBatch());

        ShouldBeSameAnswers(again, first);
        (await CasesAsync(_batch)).Values.Select(c => (c.Id, c.Version, c.Timeline.Count)).Order().ShouldBe(cases);
        (await PostsAsync(_batch)).ShouldBe(posts);
    }

    [Fact]
    public async Task The_same_batch_on_two_hosts_at_once_stores_each_post_once_and_answers_both_alike()
    {
        await using var second = await _batchDatabase.StartSiloAsync(_time);
        var posts = FirstBatch();

        var answers = await Task.WhenAll(
            Task.Run(() => _batch.Get<PostBatchIngestion>().IngestAsync(posts)),
            Task.Run(() => second.Get<PostBatchIngestion>().IngestAsync(posts)));

        ShouldBeSameAnswers(answers[1], answers[0]);
        var cases = await CasesAsync(_batch);
        cases.Count.ShouldBe(5);
        cases.Values.ShouldAllBe(c => c.Timeline.Count(e => e.Action == CaseAction.Open) == 1);
        (await PostsAsync(_batch)).Count.ShouldBe(8);
    }

    [Fact]
    public async Task A_post_joining_a_stored_case_whose_grain_is_active_is_seen_by_that_grain_afterwards()
    {
        var batch = _batch.Get<PostBatchIngestion>();
        var first = await batch.IngestAsync(FirstBatch());
        var heating = _batch.Get<CityMatrix.Silo.Grains.IGrainFactory>().GetGrain<ICaseGrain>(first[0].Receipt!.CaseId!);
        var before = (await heating.GetAsync())!; // the grain is now active, holding the case in memory

        var repeat = await batch.IngestAsync([Post("h9", "崇安社区暖气到现在还是不热，热力公司到底什么时候修？", "a")]);

        repeat[0].Receipt!.Outcome.ShouldBe(PostOutcome.JoinedCase);
        repeat[0].Receipt!.CaseId.ShouldBe(before.Id);
        // The chunk stored the join itself; the grain, dropped from memory while it did, reads it back on the next call
        // and writes on top of it without a version conflict.
        var after = (await heating.GetAsync())!;
        after.Version.ShouldBe(before.Version + 1);
        after.Timeline[^1].PostKey.ShouldBe(PostRecord.KeyOf("weibo", "h9"));
        var accepted = await heating.ExecuteAsync(new AcceptCase(CaseActor.System(after.AccountId)));
        accepted.Version.ShouldBe(after.Version + 1);
    }

    [Fact]
    public async Task A_post_joining_a_stored_case_in_the_chunk_write_sets_none_of_the_case_columns_its_indexes_hold()
    {
        var batch = _batch.Get<PostBatchIngestion>();
        var first = await batch.IngestAsync(FirstBatch());
        var id = first[0].Receipt!.CaseId!;
        await LogUpdatesOfIndexedCaseColumnsAsync(_batch);

        var repeat = await batch.IngestAsync([Post("h9", "崇安社区暖气到现在还是不热，热力公司到底什么时候修？", "a")]);

        repeat[0].Receipt!.Outcome.ShouldBe(PostOutcome.JoinedCase);
        var joined = (await _batch.Get<CaseGrainStorage>().LoadManyAsync([id]))[id];
        joined.Timeline[^1].PostKey.ShouldBe(PostRecord.KeyOf("weibo", "h9"));
        (await UpdatesOfIndexedCaseColumnsAsync(_batch)).ShouldBe(0);
        // The log sees a change of such a column: the case accepted through its grain (its status changes).
        await _batch.Get<CityMatrix.Silo.Grains.IGrainFactory>().GetGrain<ICaseGrain>(id).ExecuteAsync(new AcceptCase(CaseActor.System(joined.AccountId)));
        (await UpdatesOfIndexedCaseColumnsAsync(_batch)).ShouldBe(1);
    }

    private const string IndexedCaseColumns = "\"AccountId\", \"Status\", \"CitizenId\", \"ClosedAt\", \"ReceivedAt\", \"Deadline\", \"Topic\", \"RegionCode\"";

    /// <summary>A trigger that logs every UPDATE setting a column of the cases' indexes (UPDATE OF fires when the column is set, changed or not).</summary>
    private async Task LogUpdatesOfIndexedCaseColumnsAsync(SiloHost silo)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE indexed_case_updates (case_id TEXT NOT NULL)");
        await db.Database.ExecuteSqlRawAsync(kind == StorageKind.Sqlite
            ? $"CREATE TRIGGER log_indexed_case_updates AFTER UPDATE OF {IndexedCaseColumns} ON cases BEGIN INSERT INTO indexed_case_updates VALUES (new.\"Id\"); END"
            : "CREATE FUNCTION log_indexed_case_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO indexed_case_updates VALUES (NEW.\"Id\"); RETURN NEW; END $$");
        if (kind == StorageKind.PostgreSql)
            await db.Database.ExecuteSqlRawAsync($"CREATE TRIGGER log_indexed_case_updates AFTER UPDATE OF {IndexedCaseColumns} ON cases FOR EACH ROW EXECUTE FUNCTION log_indexed_case_update()");
    }

    private static async Task<int> UpdatesOfIndexedCaseColumnsAsync(SiloHost silo)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<int>("SELECT CAST(count(*) AS INTEGER) AS \"Value\" FROM indexed_case_updates").SingleAsync();
    }

    [Fact]
    public async Task A_stored_case_changed_since_the_batch_read_it_fails_the_whole_write_and_stores_nothing()
    {
        var first = await _batch.Get<PostBatchIngestion>().IngestAsync(FirstBatch());
        var id = first[0].Receipt!.CaseId!;
        var storage = _batch.Get<CaseGrainStorage>();
        var read = (await storage.LoadManyAsync([id]))[id];
        // Meanwhile the case moves on through its grain (another process, say).
        var grain = _batch.Get<CityMatrix.Silo.Grains.IGrainFactory>().GetGrain<ICaseGrain>(id);
        var moved = await grain.ExecuteAsync(new AcceptCase(CaseActor.System(read.AccountId)));
        var postsBefore = await PostsAsync(_batch);

        var asRead = read.Copy();
        CaseLifecycle.Apply(read, id, new AttachPost(CaseActor.System(null), "weibo:late"), _time.GetUtcNow(), _batch.Get<CityMatrix.Silo.Accounts.AccountDirectory>());
        await Should.ThrowAsync<CityMatrix.Silo.Grains.InconsistentStateException>(() => storage.InsertNewAsync([], [], [new StoredCaseChange(read, asRead)]));

        var stored = (await storage.LoadManyAsync([id]))[id];
        stored.Version.ShouldBe(moved.Version);
        stored.Timeline.ShouldNotContain(e => e.PostKey == "weibo:late");
        (await PostsAsync(_batch)).ShouldBe(postsBefore);
    }

    [Fact]
    public async Task A_batch_larger_than_a_chunk_is_taken_in_chunks_that_see_each_other()
    {
        var posts = Enumerable.Range(0, PostBatchIngestion.ChunkSize + 10)
            .Select(i => (IncomingPost?)Post($"big-{i}", i % 2 == 0 ? HeatingComplaint : NoiseComplaint, $"citizen-{i % 7}"))
            .ToList();

        var outcomes = await _batch.Get<PostBatchIngestion>().IngestAsync(posts);

        outcomes.ShouldAllBe(o => o.Receipt != null);
        // Seven citizens, two topics: every later post of a citizen on a topic joins that citizen's case, across chunks too.
        var cases = await CasesAsync(_batch);
        cases.Count.ShouldBe(14);
        cases.Values.Sum(c => c.Timeline.Count(e => e.Action == CaseAction.AttachPost)).ShouldBe(posts.Count - 14);
        outcomes[^1].Receipt!.Outcome.ShouldBe(PostOutcome.JoinedCase);
    }

    [Fact]
    public async Task Batches_sent_side_by_side_end_as_if_sent_one_after_another()
    {
        // Ten citizens, two topics in two places, eight batches at once: each batch repeats what earlier ones opened.
        var batches = Enumerable.Range(0, 8).Select(b => Enumerable.Range(0, 10)
                .Select(i => (IncomingPost?)Post($"side-{b}-{i}", (b + i) % 2 == 0 ? HeatingComplaint : NoiseComplaint, $"side-{i}"))
                .ToList())
            .ToList();
        var ingestion = _batch.Get<PostBatchIngestion>();

        var answers = await Task.WhenAll(batches.Select(batch => Task.Run(() => ingestion.IngestAsync(batch))));

        answers.SelectMany(a => a).ShouldAllBe(o => o.Receipt != null);
        var cases = await CasesAsync(_batch);
        cases.Count.ShouldBe(20); // one per citizen and topic: every later post joined
        cases.Values.Sum(c => c.Timeline.Count(e => e.Action == CaseAction.AttachPost)).ShouldBe(80 - 20);
        foreach (var place in cases.Values.GroupBy(c => (c.Topic, c.RegionCode)))
        {
            place.Count().ShouldBe(10);
            place.Count(c => c.IncidentId == c.Id).ShouldBe(1, $"{place.Key}: one incident root");
            place.Select(c => c.IncidentId).Distinct().Count().ShouldBe(1, $"{place.Key}: one incident");
        }
        (await PostsAsync(_batch)).Count.ShouldBe(80);
        var counters = (await _batch.Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
        var recomputed = await _batch.Get<MetricsRecomputation>().AllRowsAsync();
        counters.Keys.Order().ShouldBe(recomputed.Keys.Order());
        foreach (var (key, counts) in recomputed) counters[key].ShouldBe(counts, key.ToString());
    }

    [Fact]
    public async Task A_batch_leaves_the_live_log_the_sequencer_leaves_for_the_same_posts_sent_one_by_one()
    {
        var batch = _batch.Get<PostBatchIngestion>();
        await SendOneByOneAsync(FirstBatch());
        var first = await batch.IngestAsync(FirstBatch());
        // An officer's action between the batches: a grain write, left for the sequencer to number after its commit
        // (it is not running here). The second batch then appends to that case after it.
        var heating = first[0].Receipt!.CaseId!;
        foreach (var host in new[] { _single, _batch })
            await host.Get<CaseService>().ExecuteAsync(heating, new SuperviseCase(new CaseActor("jiwei", "jiwei-1"), 1, "请尽快处理"));
        _time.Advance(TimeSpan.FromHours(1));
        await SendOneByOneAsync(SecondBatch());
        var second = await batch.IngestAsync(SecondBatch());
        second[0].Receipt!.CaseId.ShouldBe(heating);
        var beforeSequencer = await LiveLogAsync(_batch);
        await _single.Get<LiveSequencer>().SequenceAsync();
        await _batch.Get<LiveSequencer>().SequenceAsync();

        // On SQLite the chunk writes numbered their entries in the write itself, and the supervision committed before
        // the second one with them; on PostgreSQL the sequencer numbers everything after the commit.
        var heatingBefore = beforeSequencer.Where(e => e.CaseId == heating).ToList();
        heatingBefore.Count.ShouldBe(6); // opened, forwarded, linked, a repeat joined; supervised; h5 joined
        heatingBefore.ShouldAllBe(e => (e.LiveSeq != null) == (kind == StorageKind.Sqlite));
        var log = await LiveLogAsync(_batch);
        log.Select(e => e.LiveSeq).ShouldBe(Enumerable.Range(1, log.Count).Select(n => (long?)n));
        foreach (var entries in log.GroupBy(e => e.CaseId)) entries.Select(e => e.Seq).ShouldBe(entries.Select(e => e.Seq).Order(), entries.Key);
        // Who each entry concerns, as the sequencer records it for the same entries.
        log.Select(e => (e.CaseId, e.Seq, e.Accounts)).OrderBy(e => (e.CaseId, e.Seq))
            .ShouldBe((await LiveLogAsync(_single)).Select(e => (e.CaseId, e.Seq, e.Accounts)).OrderBy(e => (e.CaseId, e.Seq)));
    }

    /// <summary>Every timeline entry with its live number (null before it has one) and the accounts recorded for that number, in number order.</summary>
    private static async Task<List<(string CaseId, int Seq, long? LiveSeq, string Accounts)>> LiveLogAsync(SiloHost silo)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        var entries = await db.CaseEvents.AsNoTracking()
            .Select(e => new { e.CaseId, e.Seq, LiveSeq = EF.Property<long?>(e, CityMatrixDbContext.LiveSeq) }).ToListAsync();
        var accounts = (await db.LiveEventAccounts.AsNoTracking().ToListAsync()).ToLookup(a => a.LiveSeq, a => a.AccountId);
        return entries.OrderBy(e => e.LiveSeq ?? long.MaxValue).ThenBy(e => e.CaseId).ThenBy(e => e.Seq)
            .Select(e => (e.CaseId, e.Seq, e.LiveSeq, string.Join(",", e.LiveSeq is { } n ? accounts[n].Order() : [])))
            .ToList();
    }

    private static void ShouldBeSameAnswers(IReadOnlyList<PostBatchOutcome> actual, IReadOnlyList<PostBatchOutcome> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            actual[i].Receipt.ShouldBe(expected[i].Receipt, $"line {i + 1}");
            (actual[i].Errors?.Keys.Order().ToList() ?? []).ShouldBe(expected[i].Errors?.Keys.Order().ToList() ?? [], $"line {i + 1}");
        }
    }

    private static async Task<Dictionary<string, CaseState>> CasesAsync(SiloHost silo)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id);
        foreach (var @event in await db.CaseEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync()) cases[@event.CaseId].Timeline.Add(@event);
        return cases;
    }

    private static async Task<List<(string Key, PostOutcome Outcome, string? CaseId, string Category, string? Topic, string? RegionCode)>> PostsAsync(SiloHost silo)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return (await db.Posts.AsNoTracking().ToListAsync())
            .Select(p => (p.Key, p.Outcome, p.CaseId, p.Category, p.Topic, p.RegionCode))
            .Order()
            .ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)] // more than the chunks remembered for early reads: the late chunk's reads are made again
    public async Task A_chunk_whose_reads_began_before_other_chunks_were_decided_still_joins_the_case_one_of_them_opened(int chunksBetween)
    {
        var batch = _batch.Get<PostBatchIngestion>();
        AnalysedChunk Analyse(IncomingPost post) => batch.Analyse([post], [(0, PostRecord.KeyOf(post.Platform!, post.PostId!))]);
        async Task<PostReceipt> DecideAsync(AnalysedChunk chunk)
        {
            var outcomes = new PostBatchOutcome[1];
            await await batch.StartAsync(chunk, outcomes);
            return outcomes[0].Receipt!;
        }

        // Analysed (and its reads done) before the citizen's first complaint was even analysed.
        var late = Analyse(Post("late", "崇安社区的暖气还是不热，热力公司到底管不管？", "citizen-x"));
        (await late.Reads!.Reads).OpenCases.ShouldBeEmpty();
        var first = await DecideAsync(Analyse(Post("first", HeatingComplaint, "citizen-x")));
        for (var i = 0; i < chunksBetween - 1; i++) await DecideAsync(Analyse(Post($"other-{i}", NoiseComplaint, $"citizen-{i}")));

        var joined = await DecideAsync(late);

        first.Outcome.ShouldBe(PostOutcome.CaseOpened);
        joined.Outcome.ShouldBe(PostOutcome.JoinedCase);
        joined.CaseId.ShouldBe(first.CaseId);
    }
}

public sealed class PostBatchIngestionTests_on_Sqlite() : PostBatchIngestionTests(StorageKind.Sqlite);

public sealed class PostBatchIngestionTests_on_PostgreSql() : PostBatchIngestionTests(StorageKind.PostgreSql);
