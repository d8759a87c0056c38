using System.Diagnostics;
using System.Globalization;
using System.Text;
using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Cli;

namespace CityMatrix.Nlp.Tests.Cli;

/// <summary>cm-nlp sentiment / complaint / classify and the train/eval commands, run through CliApp on streams.</summary>
public sealed class ClassificationCommandsTests
{
    private static (int Code, string[] Lines, string Error) Run(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new StringReader(input), output, error);
        var lines = output.ToString().Split('\n');
        return (code, lines[..^1].Select(l => l.TrimEnd('\r')).ToArray(), error.ToString());
    }

    private static float Score(string field) => float.Parse(field, CultureInfo.InvariantCulture);

    [Fact]
    public void Sentiment_writes_polarity_score_and_anger_per_line_and_an_empty_line_for_an_empty_line()
    {
        var (code, lines, _) = Run("今天天气真好，心情愉快\n\n物业太差劲了，气死我了\n", "sentiment");
        code.ShouldBe(0);
        lines.Length.ShouldBe(3);
        lines[1].ShouldBe("");
        var first = lines[0].Split('\t');
        first.Length.ShouldBe(3);
        first[0].ShouldBe("pos");
        lines[2].Split('\t')[0].ShouldBe("neg");
        Score(first[1]).ShouldBeInRange(0.5f, 1f);
        Score(first[2]).ShouldBeInRange(0f, 1f);
    }

    [Fact]
    public void Complaint_flags_a_complaint_and_not_a_notice()
    {
        var (code, lines, _) = Run("小区暖气一直不热，打了好几次电话供热公司也不来修，请相关部门管管\n\n今天去公园散步，风景不错\n", "complaint");
        code.ShouldBe(0);
        lines.Length.ShouldBe(3);
        lines[0].Split('\t')[0].ShouldBe("1");
        lines[1].ShouldBe("");
        lines[2].Split('\t')[0].ShouldBe("0");
    }

    [Fact]
    public void Classify_writes_category_topic_and_score()
    {
        var (code, lines, _) = Run("家里暖气一点都不热，热力公司也不管\n", "classify");
        code.ShouldBe(0);
        var fields = lines.ShouldHaveSingleItem().Split('\t');
        fields.Length.ShouldBe(3);
        CategoryVocabulary.Categories.ShouldContain(fields[0]);
        fields[1].ShouldBe(CategoryClassifier.Default.Classify("家里暖气一点都不热，热力公司也不管").Topic ?? "");
        Score(fields[2]).ShouldBeInRange(0f, 1f);
    }

    [Theory]
    [InlineData("sentiment")]
    [InlineData("complaint")]
    [InlineData("classify")]
    public void A_100_kilobyte_line_gets_one_answer_line(string command)
    {
        var line = string.Concat(Enumerable.Repeat("供热公司暖气不热abc123，", 4000));
        Encoding.UTF8.GetByteCount(line).ShouldBeGreaterThan(100_000);
        var (code, lines, error) = Run(line + "\n短句\n", command);
        code.ShouldBe(0);
        error.ShouldBeEmpty();
        lines.Length.ShouldBe(2);
        lines.ShouldAllBe(l => l.Contains('\t'));
    }

    [Fact]
    public void Replacement_characters_from_invalid_utf8_are_ordinary_input()
    {
        var (code, lines, _) = Run("\uFFFD暖气不热\uFFFD\n\uFFFD\n", "complaint");
        code.ShouldBe(0);
        lines.Length.ShouldBe(2);
        lines.ShouldAllBe(l => l.Contains('\t'));
    }

    [Theory]
    [InlineData("sentiment", "--fast")]
    [InlineData("eval-complaint", "--threshold", "2")]
    [InlineData("eval-complaint", "--threshold", "high")]
    [InlineData("train-category", "--folds", "many")]
    [InlineData("eval-sentiment", "--holdout", "first100")]
    [InlineData("train-sentiment", "--data")]
    public void Bad_options_are_usage_errors_with_exit_code_2(params string[] args)
    {
        var (code, lines, error) = Run("暖气不热\n", args);
        code.ShouldBe(2);
        lines.ShouldBeEmpty();
        error.ShouldContain($"usage: cm-nlp {args[0]}");
    }

    [Fact]
    public void Eval_category_with_a_missing_file_is_a_usage_error()
    {
        var (code, _, error) = Run("", "eval-category", "--file", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.tsv"));
        code.ShouldBe(2);
        error.ShouldContain("does not exist");
    }

    [Fact]
    public void Eval_category_and_eval_complaint_score_a_small_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cm-posts-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "1\t城乡建设\t家里暖气一点都不热，热力公司也不管\n0\t教育文体\t孩子学校今天开运动会，很开心\n");
        try
        {
            var (code, lines, _) = Run("", "eval-category", "--file", path);
            code.ShouldBe(0);
            lines[0].ShouldStartWith("n=2 ");
            lines.ShouldContain(l => l.Contains("城乡建设"));
            var (complaintCode, complaintLines, _) = Run("", "eval-complaint", "--file", path, "--threshold", "0.5");
            complaintCode.ShouldBe(0);
            complaintLines.ShouldHaveSingleItem().ShouldStartWith("n=2 ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Training_without_the_data_files_fails_with_a_message_and_exit_code_1()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"cm-no-data-{Guid.NewGuid():N}");
        var (code, _, error) = Run("", "train-category", "--data", missing, "--no-cv", "--no-save");
        code.ShouldBe(1);
        error.ShouldContain("cm-nlp train-category:");
    }

    [Fact]
    public void Help_lists_segmenter_and_classification_commands()
    {
        var (code, _, error) = Run("", "--help");
        code.ShouldBe(2);
        foreach (var name in new[] { "segment", "places", "keywords", "sentiment", "complaint", "classify", "train-sentiment",
                     "train-complaint", "train-category", "eval-sentiment", "eval-complaint", "eval-category" })
            error.ShouldContain($"  {name} ");
    }

    [Fact]
    public void Invalid_utf8_on_real_stdin_is_classified_not_a_crash()
    {
        var (code, output) = CliProcess.Run(CliProcess.InvalidUtf8Lines, "classify");
        code.ShouldBe(0);
        var lines = output.Split('\n');
        lines.Length.ShouldBe(3);
        lines[0].Split('\t')[0].ShouldBe(CategoryClassifier.Default.Classify("\uFFFD暖气不热\uFFFD").Category);
        lines[1].ShouldBe("");
    }
}
