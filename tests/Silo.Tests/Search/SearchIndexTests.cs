using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Search;

namespace CityMatrix.Silo.Tests.Search;

/// <summary>The search index over a real database; every test runs on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class SearchIndexTests(SearchData data)
{
    private Task<SearchResults> SearchAsync(string q, SearchScope? scope = null, int limit = SearchRequest.MaxLimit, int offset = 0,
        SearchKind? kind = null, IReadOnlyList<CaseStatus>? states = null, IReadOnlyCollection<string>? accounts = null,
        string? region = null, string? topic = null, string? category = null, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        data.Index.SearchAsync(new SearchRequest(SearchQuery.Parse(q), kind, states, accounts, region, category, topic, from, to, limit, offset), scope ?? SearchScope.All);

    private static List<string> Ids(SearchResults results) => results.Items.Select(h => h.Id).ToList();

    [Fact]
    public async Task A_word_inside_a_compound_finds_it_and_marks_only_itself()
    {
        var hit = (await SearchAsync("暖气")).Items.Single(h => h.Id == data.HeatingCase.Id);

        hit.Snippet.ShouldContain("<em>暖气</em>不热");
    }

    [Fact]
    public async Task A_Chinese_query_finds_the_posts_and_cases_with_all_its_words()
    {
        var found = await SearchAsync("暖气不热");

        Ids(found).ShouldContain(data.HeatingCase.Id);
        Ids(found).ShouldContain(data.ComplaintPost.Key);
        Ids(found).ShouldNotContain(data.LampCase.Id);
        Ids(found).ShouldNotContain(data.LeakCase.Id);
        Ids(found).ShouldNotContain(data.WeatherPost.Key);
        found.Items.Single(h => h.Id == data.ComplaintPost.Key).Kind.ShouldBe(SearchKind.Post);
    }

    [Fact]
    public async Task Every_word_must_match_unless_joined_by_OR()
    {
        (await SearchAsync("暖气 路灯")).Total.ShouldBe(0);

        var either = await SearchAsync("暖气不热 OR 路灯");

        Ids(either).ShouldContain(data.HeatingCase.Id);
        Ids(either).ShouldContain(data.LampCase.Id);
    }

    [Fact]
    public async Task A_quoted_phrase_needs_its_words_next_to_each_other_in_order()
    {
        Ids(await SearchAsync("\"老人 孩子\"")).ShouldContain(data.HeatingCase.Id);
        Ids(await SearchAsync("\"孩子 老人\"")).ShouldNotContain(data.HeatingCase.Id);
        Ids(await SearchAsync("孩子 老人")).ShouldContain(data.HeatingCase.Id);
    }

    [Fact]
    public async Task The_snippet_is_the_original_text_with_the_matched_words_marked()
    {
        var hit = (await SearchAsync("暖气不热 感冒")).Items.Single(h => h.Id == data.HeatingCase.Id);

        hit.Snippet.ShouldContain("<em>暖气不热</em>");
        hit.Snippet.ShouldContain("<em>感冒</em>");
        hit.Snippet.Replace("<em>", "").Replace("</em>", "").ShouldBe(data.HeatingCase.Text);
    }

    [Fact]
    public async Task Kind_state_topic_region_account_and_time_filters_narrow_the_hits()
    {
        (await SearchAsync("暖气", kind: SearchKind.Post)).Items.ShouldAllBe(h => h.Kind == SearchKind.Post);
        (await SearchAsync("暖气", kind: SearchKind.Case)).Items.ShouldAllBe(h => h.Kind == SearchKind.Case);

        var received = Ids(await SearchAsync("暖气", states: [CaseStatus.Received]));
        received.ShouldContain(data.LeakCase.Id);
        received.ShouldNotContain(data.HeatingCase.Id);

        var xixia = Ids(await SearchAsync("小区", region: "640105"));
        xixia.ShouldContain(data.LeakCase.Id);
        xixia.ShouldNotContain(data.HeatingCase.Id);

        var heating = await SearchAsync("小区 OR 路灯", topic: "供暖");
        heating.Items.ShouldAllBe(h => h.Topic == "供暖");
        Ids(heating).ShouldNotContain(data.LampCase.Id);
        (await SearchAsync("路灯", category: "环境保护")).Total.ShouldBe(0);

        var street = Ids(await SearchAsync("暖气 OR 路灯", accounts: [SearchData.Street]));
        street.ShouldBe([data.LampCase.Id]);

        var later = Ids(await SearchAsync("暖气 OR 路灯", kind: SearchKind.Case, from: data.LampCase.ReceivedAt));
        later.ShouldContain(data.LampCase.Id);
        later.ShouldNotContain(data.HeatingCase.Id);
        var earlier = Ids(await SearchAsync("暖气 OR 路灯", kind: SearchKind.Case, to: data.LampCase.ReceivedAt));
        earlier.ShouldBe([data.HeatingCase.Id]);
    }

    [Fact]
    public async Task Facets_count_every_hit_of_the_query_and_filters()
    {
        var all = await SearchAsync("暖气 OR 路灯 OR 天气");

        all.Total.ShouldBe(all.Items.Count);
        foreach (var (topic, count) in all.Facets.Topic) count.ShouldBe(all.Items.Count(h => h.Topic == topic));
        foreach (var (category, count) in all.Facets.Category) count.ShouldBe(all.Items.Count(h => h.Category == category));
        foreach (var (state, count) in all.Facets.State) count.ShouldBe(all.Items.Count(h => h.State.ToString() == state));
        foreach (var (district, count) in all.Facets.District) count.ShouldBe(all.Items.Count(h => h.RegionCode is { Length: >= 6 } code && code.StartsWith(district, StringComparison.Ordinal)));
        all.Facets.District["640104"].ShouldBeGreaterThanOrEqualTo(1);
        all.Facets.State[nameof(CaseStatus.Received)].ShouldBeGreaterThanOrEqualTo(1);

        var onlyHeating = await SearchAsync("暖气 OR 路灯 OR 天气", topic: "供暖");
        onlyHeating.Facets.Topic.Keys.ShouldBe(["供暖"]);
        onlyHeating.Total.ShouldBe(all.Facets.Topic["供暖"]);
    }

    [Fact]
    public async Task Pages_follow_relevance_then_recency_and_keep_the_total()
    {
        var all = await SearchAsync("暖气 OR 路灯");
        var first = await SearchAsync("暖气 OR 路灯", limit: 2);
        var second = await SearchAsync("暖气 OR 路灯", limit: 2, offset: 2);

        all.Items.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
        first.Total.ShouldBe(all.Total);
        second.Total.ShouldBe(all.Total);
        first.Items.Concat(second.Items).Select(h => h.Id).ShouldBe(all.Items.Take(4).Select(h => h.Id));
        (await SearchAsync("暖气", offset: all.Total)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_public_reply_is_searchable_once_written()
    {
        var service = data.Silo.Get<CaseService>();
        var opened = await service.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", "weibo:pump-1", "宁安大街小区供热管道一直有异响", "城乡建设", "供暖", "640106", CaseUrgency.Normal));
        await service.ExecuteAsync(opened.Id, new ForwardCase(new CaseActor("wzyc", "duty"), SearchData.Heating, data.Time.GetUtcNow().AddDays(3), null));
        await service.ExecuteAsync(opened.Id, new AcceptCase(new CaseActor(SearchData.Heating, "service")));
        Ids(await SearchAsync("循环泵")).ShouldNotContain(opened.Id);

        await service.ExecuteAsync(opened.Id, new ReplyCase(new CaseActor(SearchData.Heating, "service"), "已安排维修师傅更换循环泵，异响已消除"));

        var hit = (await SearchAsync("循环泵")).Items.Single(h => h.Id == opened.Id);
        hit.ReplySnippet.ShouldNotBeNull().ShouldContain("<em>循环泵</em>");
        hit.State.ShouldBe(CaseStatus.Replied);
        (await data.Index.CatchUpAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_find_only_cases_their_accounts_are_involved_in_and_posts_of_no_case()
    {
        var street = SearchScope.Staff([SearchData.Street], []);

        var found = Ids(await SearchAsync("暖气 OR 路灯 OR 天气", street));

        found.ShouldContain(data.LampCase.Id);
        found.ShouldContain(data.WeatherPost.Key);
        found.ShouldNotContain(data.HeatingCase.Id);
        found.ShouldNotContain(data.LeakCase.Id);
        if (data.ComplaintPost.CaseId is not null) found.ShouldNotContain(data.ComplaintPost.Key);

        var supervisingTheHeatingCompany = Ids(await SearchAsync("暖气", SearchScope.Staff(["bureau-zhujian"], [SearchData.Heating])));
        supervisingTheHeatingCompany.ShouldContain(data.HeatingCase.Id);
        supervisingTheHeatingCompany.ShouldNotContain(data.LeakCase.Id);
    }

    [Fact]
    public async Task A_citizen_finds_only_his_own_cases()
    {
        var found = await SearchAsync("暖气 OR 路灯 OR 天气", SearchScope.Citizen(SearchData.HeatingCitizen));

        Ids(found).Order().ShouldBe(new[] { data.HeatingCase.Id, data.LeakCase.Id }.Order());
    }
}

public sealed class SqliteSearchIndexTests(SqliteSearchData data) : SearchIndexTests(data), IClassFixture<SqliteSearchData>;

public sealed class PostgresSearchIndexTests(PostgresSearchData data) : SearchIndexTests(data), IClassFixture<PostgresSearchData>;
