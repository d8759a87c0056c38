using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Search;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Search;

/// <summary>
/// On SQLite the search index follows the store: rows are written without search rows and the catch-up indexes
/// those past its mark (migration 0013). Silo tests run no hosted services, so only the calls here catch up.
/// </summary>
public sealed class SqliteSearchIndexFollowTests() : SiloOnDatabase(StorageKind.Sqlite, new ManualTimeProvider())
{
    private ISearchIndex Index => Silo.Get<ISearchIndex>();

    private IncomingPost Post(string id, string author, string text) =>
        new("weibo", id, new PostAuthor(author, null), text, Time!.GetUtcNow(), null, null, null);

    private static async Task<(int Posts, int Cases, int SearchRows)> CountAsync(SiloHost silo)
    {
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return (await db.Posts.CountAsync(), await db.Cases.CountAsync(), (await SearchRows.ReadAsync(silo)).Count);
    }

    private async Task<IReadOnlyList<PostBatchOutcome>> IngestAsync(SiloHost silo, params IncomingPost[] posts) =>
        await silo.Get<PostBatchIngestion>().IngestAsync(posts);

    [Fact]
    public async Task A_chunk_is_written_without_search_rows_and_the_next_catch_up_indexes_each_post_and_case_once()
    {
        var outcomes = await IngestAsync(Silo,
            Post("f-1", "c-1", "金凤区正源街阳光小区暖气不热，家里只有十二度，老人孩子都冻感冒了"),
            Post("f-2", "c-2", "兴庆区凤凰北街的路灯坏了一个多月，晚上一片漆黑，走路很危险"),
            Post("f-3", "c-3", "今天银川天气真好，和家人去阅海公园散步，心情不错"));
        var (posts, cases, rows) = await CountAsync(Silo);
        (posts, rows).ShouldBe((3, 0));
        cases.ShouldBeGreaterThan(0);

        (await Index.CatchUpAsync()).ShouldBe(posts + cases);
        (await Index.CatchUpAsync()).ShouldBe(0);

        (await CountAsync(Silo)).SearchRows.ShouldBe(posts + cases);
        var found = await Index.SearchAsync(new SearchRequest(SearchQuery.Parse("暖气")), SearchScope.All);
        found.Items.Select(h => h.Id).ShouldContain(PostRecord.KeyOf("weibo", "f-1"));
        found.Items.Select(h => h.Id).ShouldContain(outcomes[0].Receipt!.CaseId!);
    }

    [Fact]
    public async Task A_reply_written_before_the_case_was_first_indexed_is_found_by_the_next_search()
    {
        var service = Silo.Get<CaseService>();
        var opened = await service.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", "weibo:pump-1", "宁安大街小区供热管道一直有异响", "城乡建设", "供暖", "640106", CaseUrgency.Normal));
        await service.ExecuteAsync(opened.Id, new ForwardCase(new CaseActor("wzyc", "duty"), SearchData.Heating, opened.ReceivedAt.AddDays(3), null));
        await service.ExecuteAsync(opened.Id, new AcceptCase(new CaseActor(SearchData.Heating, "service")));
        await service.ExecuteAsync(opened.Id, new ReplyCase(new CaseActor(SearchData.Heating, "service"), "已安排维修师傅更换循环泵，异响已消除"));

        // The reply's trigger made the case's search row (stale) before the catch-up reached the case: the new-row
        // pass leaves it, and the stale pass remakes it with the complaint and the reply.
        var hit = (await Index.SearchAsync(new SearchRequest(SearchQuery.Parse("循环泵 异响")), SearchScope.All)).Items.Single(h => h.Id == opened.Id);

        hit.ReplySnippet.ShouldNotBeNull().ShouldContain("<em>循环泵</em>");
        (await Index.CatchUpAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_mark_is_stored_so_another_silo_on_the_file_indexes_only_what_came_after()
    {
        await IngestAsync(Silo, Post("r-1", "c-1", "西夏区怀远路小区暖气片漏水，地板都泡坏了"));
        var before = await CountAsync(Silo);
        (await Index.CatchUpAsync()).ShouldBe(before.Posts + before.Cases);

        // A second silo on the same file (a restarted or second process) knows only what the database holds.
        await using var other = await Database.StartSiloAsync(Time);
        await IngestAsync(other, Post("r-2", "c-2", "今天银川天气真好，和家人去阅海公园散步"));
        var after = await CountAsync(other);
        after.Posts.ShouldBe(before.Posts + 1);

        (await other.Get<ISearchIndex>().CatchUpAsync()).ShouldBe(after.Posts + after.Cases - before.Posts - before.Cases);
        (await CountAsync(other)).SearchRows.ShouldBe(after.Posts + after.Cases);
        (await other.Get<ISearchIndex>().SearchAsync(new SearchRequest(SearchQuery.Parse("暖气片 OR 散步")), SearchScope.All)).Total.ShouldBe(after.Posts + after.Cases);
    }

    [Fact]
    public async Task The_index_file_is_rebuilt_from_the_store_when_it_is_missing()
    {
        await using (var first = await Database.StartSiloAsync(Time))
        {
            await IngestAsync(first, Post("m-1", "c-1", "西夏区怀远路小区暖气片漏水，地板都泡坏了"), Post("m-2", "c-2", "今天银川天气真好，和家人去阅海公园散步"));
            (await first.Get<ISearchIndex>().SearchAsync(new SearchRequest(SearchQuery.Parse("暖气片")), SearchScope.All)).Total.ShouldBeGreaterThan(0);
        }
        // As after a restart with the file gone (or the upgrade to step 13): no pooled connection keeps it attached.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = Silo.Get<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.SqliteSearchPath;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);

        await using var second = await Database.StartSiloAsync(Time);
        var found = await second.Get<ISearchIndex>().SearchAsync(new SearchRequest(SearchQuery.Parse("暖气片 OR 散步")), SearchScope.All);

        var stored = await CountAsync(second);
        found.Total.ShouldBe(stored.Posts + stored.Cases);
        stored.SearchRows.ShouldBe(stored.Posts + stored.Cases);
    }
}
