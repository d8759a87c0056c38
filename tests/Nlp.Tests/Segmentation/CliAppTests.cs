using System.Diagnostics;
using System.Text;
using CityMatrix.Nlp.Cli;
using CityMatrix.Nlp.Tests.Cli;

namespace CityMatrix.Nlp.Tests.Segmentation;

/// <summary>cm-nlp segment / places / keywords, run through the entry method on streams and once as a real process.</summary>
public sealed class CliAppTests
{
    private static (int Code, string[] Lines, string Error) Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new StringReader(input), output, error);
        var lines = output.ToString().Split('\n');
        return (code, lines[..^1].Select(l => l.TrimEnd('\r')).ToArray(), error.ToString());
    }

    [Fact]
    public void Segment_writes_one_line_of_space_separated_tokens_per_input_line()
    {
        var (code, lines, _) = Run("兴庆区凤凰北街暖气不热\n\n他来到了网易杭研大厦\n", "segment");
        code.ShouldBe(0);
        lines.ShouldBe(["兴庆区 凤凰北街 暖气不热", "", "他 来到 了 网易 杭研 大厦"]);
    }

    [Fact]
    public void Segment_no_hmm_leaves_unknown_words_in_single_characters()
    {
        var (_, lines, _) = Run("他来到了网易杭研大厦\n", "segment", "--no-hmm", "--jieba-only");
        lines.ShouldBe(["他 来到 了 网易 杭 研 大厦"]);
    }

    [Fact]
    public void Segment_loads_a_user_dictionary_at_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-user-dict-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "杭研大厦 100 nt\n");
        try
        {
            var (code, lines, _) = Run("他来到了网易杭研大厦\n", "segment", "--user-dict", path);
            code.ShouldBe(0);
            lines.ShouldBe(["他 来到 了 网易 杭研大厦"]);
        }
        finally
        {
            File.Delete(path);
        }
        var (missingCode, _, error) = Run("x\n", "segment", "--user-dict", path);
        missingCode.ShouldBe(2);
        error.ShouldContain("does not exist");
    }

    [Fact]
    public void Segment_drops_whitespace_tokens_so_words_are_separated_by_one_space()
    {
        var (_, lines, _) = Run("a  b\t\tc\n", "segment");
        lines.ShouldBe(["a b c"]);
    }

    [Fact]
    public void Segment_answers_a_100_kilobyte_line()
    {
        var line = string.Concat(Enumerable.Repeat("供热公司暖气不热abc123，", 4000));
        Encoding.UTF8.GetByteCount(line).ShouldBeGreaterThan(100_000);
        var (code, lines, _) = Run(line + "\n", "segment");
        code.ShouldBe(0);
        lines.ShouldHaveSingleItem().Replace(" ", "").ShouldBe(line);
    }

    [Fact]
    public void Places_writes_codes_or_an_empty_line()
    {
        var (code, lines, _) = Run("兴庆区凤凰北街崇安社区噪音扰民\n今天天气很好\n金凤区和西夏区\n", "places");
        code.ShouldBe(0);
        lines.ShouldBe(["640104001002", "", "640106 640105"]);
    }

    [Fact]
    public void Keywords_respects_top()
    {
        var (code, lines, _) = Run("小区物业费太高，物业公司不作为，电梯故障没人修，物业费还要涨价。\n", "keywords", "--top", "2");
        code.ShouldBe(0);
        lines.ShouldHaveSingleItem().Split(' ').Length.ShouldBe(2);
    }

    [Fact]
    public void Bad_option_value_is_a_usage_error_not_a_crash()
    {
        var (code, lines, error) = Run("暖气不热\n", "keywords", "--top", "many");
        code.ShouldBe(2);
        lines.ShouldBeEmpty();
        error.ShouldContain("--top must be a whole number");
    }

    [Fact]
    public void Unknown_command_or_option_lists_usage()
    {
        var (code, _, error) = Run("", "translate");
        code.ShouldBe(2);
        error.ShouldContain("unknown command 'translate'");
        error.ShouldContain("segment");
        Run("", "segment", "--fast").Error.ShouldContain("unknown option '--fast'");
    }

    [Fact]
    public void Invalid_utf8_on_real_stdin_becomes_replacement_characters()
    {
        var (code, output) = CliProcess.Run(CliProcess.InvalidUtf8Lines, "segment");
        code.ShouldBe(0);
        output.Split('\n').ShouldBe(["\uFFFD 暖气不热 \uFFFD", "", ""]);
    }
}
