using System.Text;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Tests.Segmentation;

public sealed class JiebaSegmenterTests(SegmenterFixture fixture) : IClassFixture<SegmenterFixture>
{
    private JiebaSegmenter Jieba => fixture.JiebaOnly;

    [Fact]
    public void Empty_input_gives_no_tokens() => Jieba.Cut("").ShouldBeEmpty();

    [Fact]
    public void Known_jieba_example_cuts_as_jieba_documents()
    {
        Jieba.Cut("我来到北京清华大学").ShouldBe(["我", "来到", "北京", "清华大学"]);
        Jieba.Cut("他来到了网易杭研大厦").ShouldBe(["他", "来到", "了", "网易", "杭研", "大厦"]);
        Jieba.Cut("我们中出了一个叛徒", hmm: false).ShouldBe(["我们", "中", "出", "了", "一个", "叛徒"]);
    }

    [Fact]
    public void Hmm_joins_unknown_words_that_no_hmm_leaves_apart()
    {
        Jieba.Cut("他来到了网易杭研大厦", hmm: true).ShouldContain("杭研");
        Jieba.Cut("他来到了网易杭研大厦", hmm: false).ShouldNotContain("杭研");
    }

    [Fact]
    public void Without_hmm_a_run_of_ascii_letters_and_digits_stays_one_token() =>
        Jieba.Cut("abc网球拍卖会def", hmm: false).ShouldBe(["abc", "网球", "拍卖会", "def"]);

    [Fact]
    public void Long_run_of_digits_stays_one_token() =>
        Jieba.Cut("工单号20240115000123已处理").ShouldContain("20240115000123");

    [Fact]
    public void Crlf_is_one_token_and_other_whitespace_one_token_per_character() =>
        Jieba.Cut("x\r\n\ty  z").ShouldBe(["x", "\r\n", "\t", "y", " ", " ", "z"]);

    [Fact]
    public void Emoji_outside_the_bmp_is_kept_as_one_scalar_token() =>
        Jieba.Cut("叛徒👪").ShouldBe(["叛徒", "👪"]);

    [Fact]
    public void Full_width_punctuation_is_split_one_character_each() =>
        Jieba.Cut("好！！？").ShouldBe(["好", "！", "！", "？"]);

    [Fact]
    public void Tokens_always_concatenate_back_to_the_input()
    {
        var random = new Random(7);
        var alphabet = "兴庆区凤凰北街暖气不热abcXYZ0123.-_%#&+ ，。！？@🙂\r\n\t\uD840\uDC00𪚥".ToCharArray();
        for (var i = 0; i < 200; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            string.Concat(Jieba.Cut(text)).ShouldBe(text);
            string.Concat(Jieba.Cut(text, hmm: false)).ShouldBe(text);
        }
    }

    [Fact]
    public void Lone_surrogates_do_not_break_segmentation()
    {
        var text = "暖气\uD800不热\uDC00";
        string.Concat(Jieba.Cut(text)).ShouldBe(text);
    }

    [Fact]
    public void A_100_kilobyte_line_is_segmented_completely()
    {
        var builder = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(builder.ToString()) < 100_000) builder.Append("兴庆区凤凰北街暖气不热，供热公司一直不处理。abc123 ");
        var text = builder.ToString();
        var tokens = Jieba.Cut(text);
        string.Concat(tokens).ShouldBe(text);
        tokens.Count.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void A_long_run_without_any_dictionary_word_goes_through_the_hmm_in_one_piece()
    {
        var text = new string('㐀', 20_000); // CJK extension A: in a dictionary block, unknown to dict and HMM
        string.Concat(Jieba.Cut(text)).ShouldBe(text);
    }

    [Fact]
    public void Word_added_at_run_time_is_kept_whole()
    {
        var segmenter = JiebaSegmenter.CreateJiebaOnly();
        segmenter.Cut("凤凰北街暖气不热").ShouldNotContain("凤凰北街");
        var freq = segmenter.AddWord("凤凰北街");
        freq.ShouldBeGreaterThan(0);
        segmenter.Contains("凤凰北街").ShouldBeTrue();
        segmenter.Cut("凤凰北街暖气不热").ShouldContain("凤凰北街");
    }

    [Fact]
    public void Changing_a_words_frequency_updates_it_in_place()
    {
        var segmenter = JiebaSegmenter.CreateJiebaOnly();
        var count = segmenter.WordCount;
        segmenter.AddWord("北京", 5, "ns");
        segmenter.Frequency("北京").ShouldBe(5);
        segmenter.WordCount.ShouldBe(count);
    }

    [Fact]
    public void User_dictionary_lines_may_omit_frequency_and_tag()
    {
        var segmenter = JiebaSegmenter.CreateJiebaOnly();
        var added = segmenter.LoadUserDictionary(new StringReader("# comment\n杭研大厦\n凤凰北街 nz\n正源北街 300 ns\n\n"));
        added.ShouldBe(3);
        segmenter.Frequency("正源北街").ShouldBe(300);
        segmenter.Cut("他来到了网易杭研大厦").ShouldContain("杭研大厦");
        segmenter.Cut("住在凤凰北街").ShouldContain("凤凰北街");
    }

    [Fact]
    public void User_dictionary_with_a_bad_frequency_names_the_line_and_loads_nothing()
    {
        var segmenter = JiebaSegmenter.CreateJiebaOnly();
        var error = Should.Throw<FormatException>(() => segmenter.LoadUserDictionary(new StringReader("好词语 10\n坏词 12x n\n")));
        error.Message.ShouldContain("line 2");
        segmenter.Contains("好词语").ShouldBeFalse(); // nothing of a bad file is loaded
    }

    [Fact]
    public void Default_segmenter_keeps_governance_terms_whole()
    {
        var tokens = JiebaSegmenter.Default.Cut("兴庆区凤凰北街暖气不热，占道经营也没人管，@银川城管 找供热公司");
        tokens.ShouldContain("凤凰北街");
        tokens.ShouldContain("暖气不热");
        tokens.ShouldContain("占道经营");
        tokens.ShouldContain("供热公司");
    }

    [Fact]
    public void Social_cut_keeps_urls_mentions_topics_emoticons_and_emoji_sequences_whole()
    {
        const string text = "@银川城管 #问政银川# 暖气不热[怒]，详见https://t.cn/A6xyz。👍🏻👨‍👩‍👧🇨🇳😡";
        var tokens = Jieba.CutSocial(text);
        tokens.ShouldContain("@银川城管");
        tokens.ShouldContain("#问政银川#");
        tokens.ShouldContain("[怒]");
        tokens.ShouldContain("https://t.cn/A6xyz");
        tokens.ShouldContain("👍🏻");
        tokens.ShouldContain("👨‍👩‍👧");
        tokens.ShouldContain("🇨🇳");
        tokens.ShouldContain("😡");
        tokens.ShouldContain("暖气");
        string.Concat(tokens).ShouldBe(text);
        Jieba.Cut(text).ShouldNotContain("#问政银川#"); // the default cut stays jieba's
    }

    [Fact]
    public void Social_ranges_match_social_tokens()
    {
        const string text = "北京路占道经营 @城管 #投诉# http://a.b/c?d=1 ok";
        var ranges = new List<TokenRange>();
        Jieba.CutSocialRanges(text, ranges);
        ranges.Select(r => text.Substring(r.Start, r.Length)).ShouldBe(Jieba.CutSocial(text));
    }

    [Fact]
    public void Concurrent_cuts_on_one_shared_instance_agree_with_a_sequential_cut()
    {
        var texts = OracleCase.Load().Select(c => c.Text).Take(100).ToArray();
        var expected = texts.Select(t => string.Join('|', Jieba.Cut(t))).ToArray();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            string.Join('|', Jieba.Cut(texts[i % texts.Length])).ShouldBe(expected[i % texts.Length]));
    }
}
