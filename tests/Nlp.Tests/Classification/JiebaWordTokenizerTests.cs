using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class JiebaWordTokenizerTests
{
    [Fact]
    public void Words_come_from_the_segmenter_without_punctuation_or_spaces()
    {
        JiebaWordTokenizer.Default.Tokenize("他来到了网易杭研大厦， 很好！").ShouldBe(["他", "来到", "了", "网易", "杭研", "大厦", "很", "好"]);
    }

    [Fact]
    public void Empty_text_has_no_words()
    {
        JiebaWordTokenizer.Default.Tokenize("").ShouldBeEmpty();
    }
}
