using CityMatrix.Silo.Search;

namespace CityMatrix.Silo.Tests.Search;

public class SearchQueryTests
{
    [Fact]
    public void Chinese_text_is_cut_by_the_segmenter_into_words_that_must_all_match()
    {
        var query = SearchQuery.Parse("小区路灯坏了");

        var clause = query.Alternatives.ShouldHaveSingleItem().ShouldHaveSingleItem();
        clause.IsPhrase.ShouldBeFalse();
        clause.Tokens.ShouldBe(CityMatrix.Nlp.Segmentation.JiebaSegmenter.Default.CutSocial("小区路灯坏了"));
        clause.Tokens.Count.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void A_dictionary_compound_stays_one_word()
    {
        SearchQuery.Parse("暖气不热").Terms.ShouldBe(["暖气不热"]);
    }

    [Fact]
    public void OR_separates_alternatives_and_quotes_make_a_phrase()
    {
        var query = SearchQuery.Parse("\"暖气 不热\" 小区 OR 路灯");

        query.Alternatives.Count.ShouldBe(2);
        query.Alternatives[0][0].IsPhrase.ShouldBeTrue();
        query.Alternatives[0][0].Tokens.ShouldBe(["暖气", "不热"]);
        query.Alternatives[0][1].Tokens.ShouldBe(["小区"]);
        query.Alternatives[1].ShouldHaveSingleItem().Tokens.ShouldBe(["路灯"]);
        query.Terms.ShouldBe(["暖气", "不热", "小区", "路灯"], ignoreOrder: true);
    }

    [Fact]
    public void Punctuation_mentions_and_case_are_normalised_like_the_index_does()
    {
        var query = SearchQuery.Parse("@问政银川，PM2.5！");

        query.Terms.ShouldContain("问政银川");
        query.Terms.ShouldAllBe(t => t.All(char.IsLetterOrDigit) && t == t.ToLowerInvariant());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("，。！")]
    [InlineData("OR")]
    public void A_query_without_words_is_refused_naming_q(string? q)
    {
        var refused = Should.Throw<SearchRequestException>(() => SearchQuery.Parse(q));

        refused.Field.ShouldBe("q");
        refused.Error.ShouldBe(DomainError.Invalid);
    }

    [Fact]
    public void A_very_long_query_is_refused_naming_q() =>
        Should.Throw<SearchRequestException>(() => SearchQuery.Parse(new string('暖', SearchQuery.MaxLength + 1))).Field.ShouldBe("q");

    [Fact]
    public void The_FTS5_form_quotes_every_token_so_no_input_is_read_as_syntax()
    {
        var fts = SqliteSearchIndex.ToFts5(SearchQuery.Parse("\"暖气 不热\" NEAR OR 路灯*"));

        fts.ShouldBe("(\"暖气 不热\" AND \"near\") OR (\"路灯\")");
    }
}
