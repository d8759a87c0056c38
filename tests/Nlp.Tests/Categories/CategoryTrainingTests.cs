using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Tests.Categories;

public class CategoryTrainingTests
{
    private static CategoryTraining.Corpus FixtureCorpus()
    {
        // Template complaints stand in for labelled messages; hand-written posts act as unlabelled ones.
        var labelled = ShortPostSets.Templates(160, 0, 21).Where(p => p.Category != CategoryVocabulary.Other)
            .Select(p => new GovMessage(p.Text, "", p.Category, null)).ToList();
        var unlabelled = ShortPostSets.HandWrittenTrain().Select(p => new GovMessage(p.Text, "", null, null)).ToList();
        var names = new List<(string, string)> { ("城乡建设", "冬季采暖"), ("劳动和社会保障", "工资发放") };
        return new CategoryTraining.Corpus(labelled, unlabelled, new PhraseLexicon(CategorySeeds.FeatureLexicon(names)), []);
    }

    [Fact]
    public void Cross_validation_on_a_fixture_corpus_scores_every_message_once()
    {
        var c = FixtureCorpus();
        var m = CategoryTraining.CrossValidate(c, new CategoryTrainingOptions { HashBits = 14, Epochs = 4, Folds = 3 });
        m.Count.ShouldBe(c.Labelled.Count);
        m.Accuracy.ShouldBeGreaterThan(0.6);
    }

    [Fact]
    public void Reply_naming_a_department_pseudo_labels_the_message()
    {
        var c = FixtureCorpus();
        CategorySeeds.PseudoLabel(c.Lexicon, "咨询一个问题", "想了解一下", "您好，经区教育局调查核实").ShouldBe("教育文体");
        CategorySeeds.PseudoLabel(c.Lexicon, "你好", "没有线索", null).ShouldBeNull();
    }

    [Fact]
    public void Taxonomy_names_split_into_matchable_parts()
    {
        CategorySeeds.SplitName("房产证登记、办理").ShouldBe(["房产证登记", "办理"]);
        CategorySeeds.SplitName("其他").ShouldBeEmpty();
    }
}
