using CityMatrix.Silo.Search;

namespace CityMatrix.Silo.Tests.Search;

public class SearchHighlighterTests
{
    private static readonly HashSet<string> Heating = ["暖气"];

    [Fact]
    public void Adjacent_matched_words_share_one_mark_and_the_rest_of_the_text_is_unchanged()
    {
        var snippet = SearchHighlighter.Snippet("小区暖气不热，家里只有十二度", new HashSet<string> { "小区", "暖气不热" });

        snippet.ShouldBe("<em>小区暖气不热</em>，家里只有十二度");
    }

    [Fact]
    public void A_word_inside_a_dictionary_compound_is_marked_alone()
    {
        var snippet = SearchHighlighter.Snippet("小区暖气不热，家里只有十二度", Heating);

        snippet.ShouldBe("小区<em>暖气</em>不热，家里只有十二度");
    }

    [Fact]
    public void Markup_in_the_text_is_escaped()
    {
        var snippet = SearchHighlighter.Snippet("<b>暖气</b> & 水", Heating);

        snippet.ShouldContain("&lt;b&gt;<em>暖气</em>&lt;/b&gt;");
        snippet.ShouldContain("&amp;");
        snippet.ShouldNotContain("<b>");
    }

    [Fact]
    public void A_long_text_is_cut_to_a_window_around_the_first_match_with_ellipses()
    {
        var text = string.Concat(Enumerable.Repeat("今天天气很好大家都出门了。", 20)) + "可是我们小区暖气不热。" + string.Concat(Enumerable.Repeat("希望尽快解决这个问题。", 20));

        var snippet = SearchHighlighter.Snippet(text, Heating, maxLength: 60);

        snippet.ShouldStartWith("…");
        snippet.ShouldEndWith("…");
        snippet.ShouldContain("<em>暖气</em>不热");
        snippet.Replace("<em>", "").Replace("</em>", "").Trim('…').Length.ShouldBeLessThanOrEqualTo(60);
    }

    [Fact]
    public void Without_a_match_the_snippet_is_the_start_of_the_text()
    {
        var text = string.Concat(Enumerable.Repeat("路灯坏了很久了。", 30));

        var snippet = SearchHighlighter.Snippet(text, Heating, maxLength: 40);

        snippet.ShouldNotStartWith("…");
        snippet.ShouldEndWith("…");
        snippet.ShouldNotContain("<em>");
        text.ShouldStartWith(snippet.TrimEnd('…'));
    }
}
