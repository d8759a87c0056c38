using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Tests.Categories;

public class CategoryClassifierTests
{
    [Fact]
    public void Shipped_model_categorises_most_hand_written_held_out_posts()
    {
        var held = ShortPostSets.CategoryHeldOut();
        int correct = held.Count(e => CategoryClassifier.Default.Classify(e.Text).Category == e.Label);
        (correct / (double)held.Count).ShouldBeGreaterThanOrEqualTo(0.8);
    }

    [Fact]
    public void Heating_complaint_gets_the_heating_topic()
    {
        var r = CategoryClassifier.Default.Classify("家里暖气一点都不热，热力公司也不管");
        r.Category.ShouldBe("城乡建设");
        r.Topic.ShouldBe("供暖");
        r.Score.ShouldBeInRange(0f, 1f);
    }

    [Fact]
    public void Text_without_topic_keywords_has_no_topic()
    {
        CategoryClassifier.DetectTopic("今天心情不错").ShouldBeNull();
    }

    [Fact]
    public void Every_topic_uses_a_shared_category_name()
    {
        CategoryVocabulary.Topics.Values.ShouldAllBe(t => CategoryVocabulary.Categories.Contains(t.Category));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_input_is_other_with_zero_score(string? text)
    {
        CategoryClassifier.Default.Classify(text).ShouldBe(new CategoryResult(CategoryVocabulary.Other, null, 0f));
    }

    [Fact]
    public void Hundred_kilobyte_input_gets_a_category()
    {
        CategoryVocabulary.Categories.ShouldContain(CategoryClassifier.Default.Classify(new string('水', 100_000)).Category);
    }
}
