using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Routing;
using CityMatrix.Silo.Seed;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Posts;

/// <summary>Post in, case out, with the real NLP models, on SQLite and PostgreSQL (subclasses below).</summary>
public abstract class PostIngestionTests(StorageKind kind) : IAsyncLifetime
{
    private const string HeatingComplaint = "兴庆区凤凰北街崇安社区暖气一点都不热，家里才15度，热力公司什么时候能管管？";
    private const string NoiseComplaint = "金凤区正源街这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 15, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private int _nextPost;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await _database.StartSiloAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private PostIngestion Ingestion => _silo.Get<PostIngestion>();

    private IncomingPost Post(string text, string author = "u1", string? replyTo = null, string? id = null) =>
        new("weibo", id ?? $"p{Interlocked.Increment(ref _nextPost)}", new PostAuthor(author, "网友"), text, _time.GetUtcNow(), null, [], replyTo);

    private Task<CaseState?> CaseAsync(string id) => _silo.Get<IGrainFactory>().GetGrain<ICaseGrain>(id).GetAsync();

    [Fact]
    public async Task A_heating_complaint_goes_to_the_heating_company_of_that_community_with_the_24_hour_limit()
    {
        var receipt = await Ingestion.IngestAsync(Post(HeatingComplaint));

        receipt.Outcome.ShouldBe(PostOutcome.CaseOpened);
        receipt.Topic.ShouldBe("供暖");
        receipt.RegionCode.ShouldBe("640104001002");
        var @case = await CaseAsync(receipt.CaseId!);
        @case!.Status.ShouldBe(CaseStatus.Forwarded);
        @case.AccountId.ShouldStartWith("ent-heating-");
        _silo.Get<Accounts.AccountDirectory>().Find(@case.AccountId)!.Jurisdiction.ShouldContain("640104001002");
        @case.Deadline.ShouldBe(_time.GetUtcNow().AddHours(24));
        @case.FirstResponseDue.ShouldBe(_time.GetUtcNow().AddHours(4));
        @case.CitizenId.ShouldBe("weibo:u1");
        @case.SourcePostKey.ShouldBe($"weibo:{receipt.PostId}");
        receipt.AccountId.ShouldBe(@case.AccountId);
    }

    [Fact]
    public async Task Without_a_place_in_the_text_the_region_comes_from_where_the_post_was_sent()
    {
        var post = Post("楼下这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管") with { Location = new GeoPoint(38.485, 106.265) };

        var receipt = await Ingestion.IngestAsync(post);

        receipt.RegionCode.ShouldBe("640104001");
        (await CaseAsync(receipt.CaseId!))!.RegionCode.ShouldBe("640104001");
        var outside = await Ingestion.IngestAsync(Post("楼下烧烤店半夜噪音太大了，能不能管管", author: "far") with { Location = new GeoPoint(39.9, 116.4) });
        outside.RegionCode.ShouldBeNull();
    }

    [Fact]
    public async Task The_same_post_sent_twice_is_stored_once_and_answered_the_same()
    {
        var post = Post(NoiseComplaint);

        var first = await Ingestion.IngestAsync(post);
        var again = await Ingestion.IngestAsync(post);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Ingestion.IngestAsync(post)));

        again.ShouldBe(first);
        concurrent.ShouldAllBe(r => r == first);
        (await _silo.Get<CaseQueries>().CountAsync()).ShouldBe(1);
        (await _silo.Get<PostStore>().OfCaseAsync(first.CaseId!)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_post_that_is_not_a_complaint_is_kept_without_a_case()
    {
        var receipt = await Ingestion.IngestAsync(Post("今天和朋友去西夏区吃了手抓羊肉，太好吃了，推荐大家去"));

        receipt.Outcome.ShouldBe(PostOutcome.NotComplaint);
        receipt.CaseId.ShouldBeNull();
        var stored = await _silo.Get<PostStore>().FindAsync($"weibo:{receipt.PostId}");
        stored!.Tokens.Split(' ').ShouldContain("羊肉");
        stored.IsComplaint.ShouldBeFalse();
        (await _silo.Get<CaseQueries>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_citizens_repeat_within_72_hours_joins_the_open_case_and_a_later_one_opens_a_new_case()
    {
        var first = await Ingestion.IngestAsync(Post(HeatingComplaint));
        _time.Advance(TimeSpan.FromHours(20));

        var repeat = await Ingestion.IngestAsync(Post("崇安社区的暖气还是不热，热力公司到底管不管？", author: "u1"));

        repeat.Outcome.ShouldBe(PostOutcome.JoinedCase);
        repeat.CaseId.ShouldBe(first.CaseId);
        var @case = await CaseAsync(first.CaseId!);
        @case!.Timeline[^1].Action.ShouldBe(CaseAction.AttachPost);
        @case.Timeline[^1].PostKey.ShouldBe($"weibo:{repeat.PostId}");

        _time.Advance(TimeSpan.FromHours(60));
        var late = await Ingestion.IngestAsync(Post("崇安社区暖气又不热了，热力公司能不能管管？", author: "u1"));
        late.Outcome.ShouldBe(PostOutcome.CaseOpened);
        late.CaseId.ShouldNotBe(first.CaseId);
    }

    [Fact]
    public async Task A_reply_to_a_complaint_joins_the_case_of_the_post_replied_to()
    {
        var first = await Ingestion.IngestAsync(Post(NoiseComplaint, author: "u7", id: "root-1"));

        var reply = await Ingestion.IngestAsync(Post("补充一下，昨晚又吵到凌晨三点，噪音扰民太严重了，请尽快处理", author: "u7", replyTo: "root-1"));

        reply.Outcome.ShouldBe(PostOutcome.JoinedCase);
        reply.CaseId.ShouldBe(first.CaseId);
    }

    [Fact]
    public async Task Many_citizens_on_one_topic_in_one_place_form_an_incident_instead_of_being_dropped()
    {
        var first = await Ingestion.IngestAsync(Post(HeatingComplaint, author: "a"));
        var second = await Ingestion.IngestAsync(Post("崇安社区暖气不热，屋里冷得要穿羽绒服，热力公司管管吧", author: "b"));
        var third = await Ingestion.IngestAsync(Post("崇安社区暖气也不热，什么时候能修好？", author: "c"));

        new[] { first, second, third }.ShouldAllBe(r => r.Outcome == PostOutcome.CaseOpened);
        new[] { first.CaseId, second.CaseId, third.CaseId }.Distinct().Count().ShouldBe(3);
        (await CaseAsync(first.CaseId!))!.IncidentId.ShouldBe(first.CaseId);
        (await CaseAsync(second.CaseId!))!.IncidentId.ShouldBe(first.CaseId);
        (await CaseAsync(third.CaseId!))!.IncidentId.ShouldBe(first.CaseId);
    }

    [Fact]
    public async Task A_life_threatening_post_is_critical_with_the_two_hour_limit()
    {
        var receipt = await Ingestion.IngestAsync(Post("兴庆区凤凰北街崇安社区楼道里有很大的燃气泄漏味道，快来人救命！"));

        var @case = await CaseAsync(receipt.CaseId!);
        @case!.Urgency.ShouldBe(CaseUrgency.Critical);
        @case.Deadline.ShouldBe(_time.GetUtcNow().AddHours(2));
    }

    [Fact]
    public async Task The_most_specific_routing_rule_wins()
    {
        var rules = _silo.Get<RoutingRules>();
        await rules.AddAsync(new RoutingRule { Topic = "噪音", RegionCode = "640106", AccountId = "district-640106", Note = "金凤区噪音" }, "test");
        await rules.AddAsync(new RoutingRule { Topic = "噪音", TerritorialLevel = RegionLevel.Street, RegionCode = "640104", Note = "兴庆区噪音归街道" }, "test");
        var router = _silo.Get<Router>();

        router.Route("环境保护", "噪音", "640106001").AccountId.ShouldBe("district-640106");
        router.Route("环境保护", "噪音", "640104001002").AccountId.ShouldBe("street-640104001");
        router.Route("环境保护", "噪音", "640105001").AccountId.ShouldStartWith("branch-shengtai-640105");
        router.Route("其他", null, null).IsTriage.ShouldBeTrue();

        await rules.AddAsync(new RoutingRule { Topic = "噪音", RegionCode = "640104001", AccountId = "community-640104001003", Note = "更具体" }, "test");
        router.Route("环境保护", "噪音", "640104001002").AccountId.ShouldBe("community-640104001003");
    }

    [Fact]
    public async Task A_remembered_route_changes_when_the_unit_it_names_is_deactivated()
    {
        var router = _silo.Get<Router>();
        var heating = router.Route("城乡建设", "供暖", "640104001002");
        router.Route("城乡建设", "供暖", "640104001002").ShouldBe(heating);

        await _silo.Get<Accounts.AccountAdministration>().DeactivateAsync(heating.AccountId);

        var after = router.Route("城乡建设", "供暖", "640104001002");
        after.AccountId.ShouldNotBe(heating.AccountId);
        _silo.Get<Accounts.AccountDirectory>().IsActive(after.AccountId).ShouldBeTrue();
    }

    [Fact]
    public async Task Changing_a_cases_category_routes_it_again()
    {
        var receipt = await Ingestion.IngestAsync(Post(HeatingComplaint));

        var moved = await _silo.Get<CaseService>().ExecuteAsync(receipt.CaseId!,
            new RecategorizeCase(new CaseActor("wzyc", "manager"), "城乡建设", "物业", "实为物业公司管网问题"));

        moved.Topic.ShouldBe("物业");
        moved.AccountId.ShouldBe("ent-property-1");
        moved.Status.ShouldBe(CaseStatus.Forwarded);
        moved.Timeline.Select(e => e.Action).ShouldBe([CaseAction.Open, CaseAction.Forward, CaseAction.Recategorize, CaseAction.Forward]);
        moved.Deadline.ShouldBe(_time.GetUtcNow().AddDays(7));
    }

    [Fact]
    public async Task The_same_post_delivered_to_two_hosts_at_once_opens_one_case_and_is_stored_once()
    {
        await using var second = await _database.StartSiloAsync(_time);
        var heating = Post(HeatingComplaint, author: "twice", id: "both-hosts");
        var quiet = Post("今天金凤区的天气真好，去阅海公园散步了", author: "twice", id: "both-hosts-2");

        var receipts = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? Ingestion : second.Get<PostIngestion>()).IngestAsync(i < 4 ? heating : quiet)));

        receipts.Take(4).Select(r => r.CaseId).Distinct().Count().ShouldBe(1);
        receipts.Skip(4).ShouldAllBe(r => r.Outcome == PostOutcome.NotComplaint);
        (await _silo.Get<CaseQueries>().CountAsync()).ShouldBe(1);
        (await _silo.Get<PostStore>().OfCaseAsync(receipts[0].CaseId!)).Count.ShouldBe(1);
        (await CaseAsync(receipts[0].CaseId!))!.Timeline.Count(e => e.Action == CaseAction.Open).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_post_is_refused_with_every_fault_and_nothing_is_stored()
    {
        var bad = new IncomingPost("Weibo!", "", new PostAuthor(null, null), "", null, new GeoPoint(91, 200), null, null);

        var refusal = await Should.ThrowAsync<PostRejectedException>(() => Ingestion.IngestAsync(bad));

        refusal.Faults.Select(f => f.Field).ShouldBe(["platform", "postId", "author.id", "text", "createdAt", "location.lat", "location.lon"]);
        (await _silo.Get<CaseQueries>().CountAsync()).ShouldBe(0);
    }
}

public sealed class PostIngestionTests_on_Sqlite() : PostIngestionTests(StorageKind.Sqlite);

public sealed class PostIngestionTests_on_PostgreSql() : PostIngestionTests(StorageKind.PostgreSql);
