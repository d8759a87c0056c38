using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Outbound;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Outbound;

/// <summary>The feed's order and cursor paging, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class FeedQueriesTests(StorageKind kind) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private readonly ManualTimeProvider _time = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await OutboundTestSilo.StartAsync(_database, _time);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Pages_walk_every_reply_newest_first_without_gaps_or_repeats()
    {
        var replied = new List<CaseState>();
        for (var i = 0; i < 7; i++)
        {
            replied.Add(await OutboundTestSilo.RepliedCaseAsync(_silo, _time, $"答复{i}"));
            if (i != 3) _time.Advance(TimeSpan.FromMinutes(1)); // two replies share one instant: the id breaks the tie
        }
        var feed = _silo.Get<FeedQueries>();

        var seen = new List<FeedItem>();
        FeedCursor? cursor = null;
        do
        {
            var page = await feed.PageAsync(cursor, 3, null);
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(page.Items);
            cursor = page.Next is null ? null : FeedCursor.TryDecode(page.Next, out var next) ? next : throw new InvalidOperationException("bad cursor");
        }
        while (cursor is not null);

        seen.Select(i => i.CaseId).ShouldBe(replied.Select(c => c.Id).ToHashSet(), ignoreOrder: true);
        seen.Count.ShouldBe(7);
        seen.Select(i => i.RepliedAt).ShouldBeInOrder(SortDirection.Descending);
        seen[0].Reply.ShouldBe("答复6");
        seen[0].Account.ShouldBe(new FeedAccount("ent-heating-1", _silo.Get<Accounts.AccountDirectory>().Find("ent-heating-1")!.DisplayName));
        seen[0].Complaint.ShouldBe("金凤区正源街小区暖气不热");
        seen[0].State.ShouldBe(CaseStatus.Replied);
    }

    [Fact]
    public async Task One_accounts_feed_holds_only_its_replies_and_a_rating_shows_once_given()
    {
        var @case = await OutboundTestSilo.RepliedCaseAsync(_silo, _time, citizen: "citizen-9");
        var service = _silo.Get<CaseService>();
        await service.ExecuteAsync(@case.Id, new CloseCase(OutboundTestSilo.Heating, null));
        await service.ExecuteAsync(@case.Id, new RateCase(CaseActor.Citizen("citizen-9"), true, false, "慢"));
        var feed = _silo.Get<FeedQueries>();

        var mine = await feed.PageAsync(null, 20, "ent-heating-1");
        var other = await feed.PageAsync(null, 20, "street-640104001");

        var item = mine.Items.ShouldHaveSingleItem();
        item.Rating.ShouldBe(new FeedRating(true, false));
        item.State.ShouldBe(CaseStatus.Rated);
        other.Items.ShouldBeEmpty();
        other.Next.ShouldBeNull();
    }

    [Fact]
    public void A_cursor_survives_its_round_trip_and_garbage_is_refused()
    {
        var cursor = new FeedCursor(new DateTimeOffset(2026, 11, 20, 1, 2, 3, TimeSpan.Zero), "YC20261120-ABC-4");

        FeedCursor.TryDecode(cursor.Encode(), out var back).ShouldBeTrue();
        back.ShouldBe(cursor);
        FeedCursor.TryDecode("not a cursor!", out _).ShouldBeFalse();
        FeedCursor.TryDecode("", out _).ShouldBeFalse();
        FeedCursor.TryDecode(System.Buffers.Text.Base64Url.EncodeToString("12|"u8), out _).ShouldBeFalse();
    }
}

public sealed class FeedQueriesTests_on_Sqlite() : FeedQueriesTests(StorageKind.Sqlite);

public sealed class FeedQueriesTests_on_PostgreSql() : FeedQueriesTests(StorageKind.PostgreSql);
