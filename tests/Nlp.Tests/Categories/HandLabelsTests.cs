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
        new("咨询小孩转学问题", "您好！本人去年在A市购房，全家户口落户在A市，小孩在B市读五年级，家中无人照顾，学校说六年级无法转回A市就读，请让小孩转回A市上学吧！",
            "教育文体", null, "102"),
    ];

    private static readonly List<GovMessage> Pool =
    [
        new("公交车班次太少", "等了四十分钟", null, null, "200"),
        new("景区门票乱涨价", "节假日翻倍", null, null, "201"),
        new("学校强制补课", "另一位家长也反映", null, null, "202"),
        // The evaluation letter 102 posted again: new greeting, reworded subject, other punctuation and spacing.
        new("咨询小孩转入A市就读小学等问题", "尊敬的市委领导，您好。本人去年在A市购房 全家户口落户在A市 小孩在B市读五年级，家中无人照顾；学校说六年级无法转回A市就读。请让小孩转回A市上学吧",
            null, null, "203"),
        // Same topic as 102, different letter.
        new("孩子转学手续怎么办", "我家孩子明年想从外省转到A市的初中，请问需要准备哪些材料，到哪个部门办理？", null, null, "204"),
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

    [Fact]
    public void Id_with_the_reply_prefix_names_a_row_of_the_replies_file()
    {
        HandLabels.Read(new StringReader("r2549\t商贸旅游\n2549\t城乡建设\n")).ShouldBe([("r2549", "商贸旅游"), ("2549", "城乡建设")]);
    }

    [Fact]
    public void Pool_numbers_the_replies_file_apart_so_equal_row_numbers_do_not_collide()
    {
        var dir = Directory.CreateTempSubdirectory("handlabels");
        try
        {
            var unlabelled = Path.Combine(dir.FullName, "unlabeled.csv");
            var replies = Path.Combine(dir.FullName, "replies.csv");
            File.WriteAllText(unlabelled, "message_id,subject,detail\n7,公交车班次太少,等了四十分钟\n");
            File.WriteAllText(replies, "message_id,subject,detail,reply\n7,景区门票乱涨价,节假日翻倍,已转市场监管局\n");
            var pool = HandLabels.Pool([unlabelled, replies]);
            var joined = HandLabels.Join([("r7", "商贸旅游"), ("7", "城乡建设")], pool, Evaluation);
            joined.Select(m => (m.Subject, m.Label)).ShouldBe([("景区门票乱涨价", "商贸旅游"), ("公交车班次太少", "城乡建设")]);
            HandLabels.Pool([unlabelled]).Select(m => m.Id).ShouldBe(["7"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("r\t城乡建设")]
    [InlineData("rr200\t城乡建设")]
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
    public void Near_copy_of_an_evaluation_message_is_refused_naming_both_messages()
    {
        var ex = Should.Throw<InvalidDataException>(() => HandLabels.Join([("200", "城乡建设"), ("203", "教育文体")], Pool, Evaluation));
        ex.Message.ShouldContain("203");
        ex.Message.ShouldContain("near-copy of evaluation message 102");
    }

    [Fact]
    public void Message_on_the_same_topic_as_an_evaluation_message_is_kept()
    {
        var joined = HandLabels.Join([("204", "教育文体"), ("200", "城乡建设")], Pool, Evaluation);
        joined.Select(m => m.Id).ShouldBe(["204", "200"]);
    }

    [Fact]
    public void Near_copy_scan_lists_only_the_copies_with_the_message_they_copy()
    {
        var found = HandLabels.FindNearCopies([("200", "城乡建设"), ("203", "教育文体"), ("204", "教育文体")], Pool, Evaluation);
        found.Select(f => (f.Id, f.EvaluationId)).ShouldBe([("203", "102")]);
        found[0].Jaccard.ShouldBeGreaterThan(NearCopies.JaccardThreshold);
    }

    [Fact]
    public void Text_contained_in_an_evaluation_message_after_normalising_is_a_near_copy()
    {
        var near = new NearCopies(Evaluation);
        near.IsNearCopy(new GovMessage("", "家中无人照顾, 学校说六年级 无法转回A市就读.请让小孩转回A市上学吧", null, null)).ShouldBeTrue();
        near.IsNearCopy(new GovMessage("门口烧烤摊太多了", "", null, null)).ShouldBeFalse();
    }

    [Fact]
    public void Normalising_keeps_only_lower_case_letters_and_digits()
    {
        NearCopies.Normalise(new GovMessage("Ａ市 ２路公交！", "（太挤）", null, null)).ShouldBe("a市2路公交太挤");
    }

    [Fact]
    public void Committed_label_file_holds_none_of_the_known_near_copies()
    {
        HandLabels.ReadEmbedded().Select(l => l.Id).ShouldNotContain("276992");
        HandLabels.ReadEmbedded().Select(l => l.Id).ShouldNotContain("192758");
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
