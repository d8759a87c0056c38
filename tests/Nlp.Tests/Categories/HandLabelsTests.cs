using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Tests.Categories;

public class HandLabelsTests
{
    private static readonly List<GovMessage> Evaluation =
    [
        new("小区门口烧烤摊油烟扰民", "每天晚上烟很大", "环境保护", null, "100"),
        new("学校强制补课", "周六还要上课", "教育文体", null, "101"),
    ];

    private static readonly List<GovMessage> Pool =
    [
        new("公交车班次太少", "等了四十分钟", null, null, "200"),
        new("景区门票乱涨价", "节假日翻倍", null, null, "201"),
        new("学校强制补课", "另一位家长也反映", null, null, "202"),
    ];

    [Fact]
    public void Committed_label_file_parses_and_covers_every_category()
    {
        var labels = HandLabels.ReadEmbedded();
        labels.Count.ShouldBeGreaterThan(600);
        labels.Select(l => l.Id).Distinct().Count().ShouldBe(labels.Count);
        foreach (var category in CategoryVocabulary.Categories.Where(c => c != CategoryVocabulary.Other))
            labels.Count(l => l.Label == category).ShouldBeGreaterThanOrEqualTo(40, category);
    }

    [Fact]
    public void Ids_and_labels_are_read_and_comments_skipped()
    {
        var labels = HandLabels.Read(new StringReader("# comment\n200\t城乡建设\n\n201\t商贸旅游\n"));
        labels.ShouldBe([("200", "城乡建设"), ("201", "商贸旅游")]);
    }

    [Theory]
    [InlineData("200 城乡建设")]
    [InlineData("abc\t城乡建设")]
    [InlineData("200\t城乡建设\textra")]
    public void Malformed_line_is_an_error_naming_the_line(string line)
    {
        var ex = Should.Throw<InvalidDataException>(() => HandLabels.Read(new StringReader("# header\n" + line + "\n")));
        ex.Message.ShouldContain("line 2");
    }

    [Fact]
    public void Unknown_label_is_refused()
    {
        Should.Throw<InvalidDataException>(() => HandLabels.Read(new StringReader("200\t城市管理\n"))).Message.ShouldContain("城市管理");
    }

    [Fact]
    public void Repeated_id_is_refused()
    {
        Should.Throw<InvalidDataException>(() => HandLabels.Read(new StringReader("200\t城乡建设\n200\t交通运输\n"))).Message.ShouldContain("200");
    }

    [Fact]
    public void Join_gives_the_pool_message_its_hand_label()
    {
        var joined = HandLabels.Join([("201", "商贸旅游"), ("200", "城乡建设")], Pool, Evaluation);
        joined.Select(m => (m.Subject, m.Label)).ShouldBe([("景区门票乱涨价", "商贸旅游"), ("公交车班次太少", "城乡建设")]);
    }

    [Fact]
    public void Id_from_the_evaluation_set_is_refused()
    {
        var ex = Should.Throw<InvalidDataException>(() => HandLabels.Join([("200", "城乡建设"), ("101", "教育文体")], Pool, Evaluation));
        ex.Message.ShouldContain("101");
    }

    [Fact]
    public void Message_repeating_an_evaluation_subject_is_refused()
    {
        var ex = Should.Throw<InvalidDataException>(() => HandLabels.Join([("202", "教育文体")], Pool, Evaluation));
        ex.Message.ShouldContain("202");
    }

    [Fact]
    public void Id_missing_from_the_unlabelled_data_is_an_error()
    {
        Should.Throw<InvalidDataException>(() => HandLabels.Join([("999", "城乡建设")], Pool, Evaluation)).Message.ShouldContain("999");
    }

    [Fact]
    public void Hand_labelled_messages_train_in_every_fold_but_are_never_scored()
    {
        // Template complaints from two seeds: one set stands in for the evaluation messages, the other for hand labels.
        var labelled = ShortPostSets.Templates(60, 0, 5).Where(p => p.Category != CategoryVocabulary.Other)
            .Select(p => new GovMessage(p.Text, "", p.Category, null)).ToList();
        var hand = ShortPostSets.Templates(160, 0, 21).Where(p => p.Category != CategoryVocabulary.Other)
            .Select(p => new GovMessage(p.Text, "", p.Category, null)).ToList();
        var corpus = new CategoryTraining.Corpus(labelled, [], new PhraseLexicon([]), [], hand);
        var m = CategoryTraining.CrossValidate(corpus, new CategoryTrainingOptions { HashBits = 14, Epochs = 3, Folds = 3 });
        m.Count.ShouldBe(labelled.Count);
        var heldOut = CategoryTraining.EvaluateWithoutLabelled(corpus, new CategoryTrainingOptions { HashBits = 14, Epochs = 3 });
        heldOut.Count.ShouldBe(labelled.Count);
        heldOut.Accuracy.ShouldBeGreaterThan(0.6);
    }
}
