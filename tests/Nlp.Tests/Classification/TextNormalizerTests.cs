using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class TextNormalizerTests
{
    [Fact]
    public void Full_width_letters_and_digits_are_folded_and_digit_runs_collapse()
    {
        TextNormalizer.Normalize("ＡＢＣ１２３路").ShouldBe("abc0路");
    }

    [Fact]
    public void Urls_become_one_marker()
    {
        TextNormalizer.Normalize("看这里 http://t.cn/A6PqoMKY 好").ShouldBe("看这里 ~ 好");
    }

    [Fact]
    public void Hundred_kilobyte_line_is_capped()
    {
        TextNormalizer.Normalize(new string('路', 100_000)).Length.ShouldBe(TextNormalizer.MaxChars);
    }

    [Fact]
    public void Lone_surrogates_from_broken_input_are_dropped()
    {
        TextNormalizer.Normalize("坏\uD800字").ShouldBe("坏字");
    }

    [Fact]
    public void Null_and_whitespace_give_empty_text()
    {
        TextNormalizer.Normalize(null).ShouldBe("");
        TextNormalizer.Normalize(" \t\n").ShouldBe("");
    }
}
