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
    public void Seed_averaged_cross_validation_repeats_the_single_run_first_and_reports_mean_and_spread()
    {
        var c = FixtureCorpus();
        var o = new CategoryTrainingOptions { HashBits = 14, Epochs = 2, Folds = 3 };
        var single = CategoryTraining.CrossValidate(c, o);
        var seen = new List<int>();
        var summary = CategoryTraining.CrossValidateSeeds(c, o, 3, onRun: (r, _) => seen.Add(r));
        seen.ShouldBe([0, 1, 2]);
        summary.Runs.Count.ShouldBe(3);
        summary.Runs[0].MacroF1.ShouldBe(single.MacroF1);
        summary.Runs.ShouldAllBe(m => m.Count == c.Labelled.Count);
        summary.MacroF1.Mean.ShouldBe(summary.Runs.Average(m => m.MacroF1), 1e-12);
        summary.MacroF1.Sd.ShouldBeGreaterThanOrEqualTo(0);
        summary.Report().ShouldContain("runs=3");
    }

    [Fact]
    public void Ensemble_of_training_orders_is_one_model_that_differs_from_a_single_order()
    {
        var c = FixtureCorpus();
        var o = new CategoryTrainingOptions { HashBits = 14, Epochs = 2 };
        var single = CategoryTraining.Train(c, c.Labelled, o);
        var ensemble = CategoryTraining.Train(c, c.Labelled, o with { EnsembleSeeds = 3 });
        var text = c.Labelled[0].Text;
        ensemble.Probabilities(text).ShouldNotBe(single.Probabilities(text));
        ensemble.Probabilities(text).Sum().ShouldBe(1f, 1e-4f);
        c.Labelled.Count(m => ensemble.Predict(m.Text).Label == m.Label).ShouldBeGreaterThan(c.Labelled.Count / 2);
    }

    [Fact]
    public void Mean_and_sample_standard_deviation_are_computed_over_the_runs()
    {
        var (mean, sd) = CategoryTraining.SeedSummary.MeanSd([0.7, 0.8, 0.9]);
        mean.ShouldBe(0.8, 1e-12);
        sd.ShouldBe(0.1, 1e-12);
        CategoryTraining.SeedSummary.MeanSd([0.75]).ShouldBe((0.75, 0.0));
    }

    [Fact]
    public void Other_fold_seeds_assign_other_folds_but_still_score_every_message_once()
    {
        var c = FixtureCorpus();
        var o = new CategoryTrainingOptions { HashBits = 14, Epochs = 2, Folds = 3 };
        CategoryTraining.CrossValidate(c, o, foldSeed: 5).Count.ShouldBe(c.Labelled.Count);
    }

    [Fact]
    public void Near_copies_of_labelled_messages_leave_the_pseudo_label_pool_when_asked()
    {
        var dir = Directory.CreateTempSubdirectory("cm-nlp-cat-");
        try
        {
            var govmsg = Directory.CreateDirectory(Path.Combine(dir.FullName, "govmsg"));
            File.WriteAllText(Path.Combine(govmsg.FullName, "labeled_messages.csv"),
                "message_id,subject,detail,label_level1\n" +
                "1,小区暖气不热,入冬以来我家暖气一直不热，室温只有十几度，多次找供热公司都说正在处理，请相关部门督促解决。,城乡建设\n");
            File.WriteAllText(Path.Combine(govmsg.FullName, "unlabeled_messages.csv"),
                "message_id,subject,detail,reply\n" +
                "10,暖气不热的问题,您好！入冬以来我家暖气一直不热，室温只有十几度。多次找供热公司，都说正在处理，请相关部门督促解决,\n" +
                "11,公交车班次太少,早上等车要四十分钟，希望增加班次,\n");
            var near = CategoryTraining.Load(new CategoryTrainingOptions { DataDirectory = dir.FullName, DropLabelledNearCopies = true });
            near.Unlabelled.Select(m => m.Id).ShouldBe(["11"]);
            var kept = CategoryTraining.Load(new CategoryTrainingOptions { DataDirectory = dir.FullName });
            kept.Unlabelled.Select(m => m.Id).ShouldBe(["10", "11"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
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

    [Fact]
    public void Taxonomy_names_of_the_seven_categories_train_as_examples_when_weighted()
    {
        var c = FixtureCorpus() with { TaxonomyNames = [("劳动和社会保障", "养老金领取资格认证"), (CategoryVocabulary.Other, "养老院床位")] };
        var o = new CategoryTrainingOptions { HashBits = 14, Epochs = 4 };
        var without = CategoryTraining.Train(c, c.Labelled, o);
        var with = CategoryTraining.Train(c, c.Labelled, o with { TaxonomyExampleWeight = 5 });

        with.Probability("养老金领取资格认证", "劳动和社会保障").ShouldBeGreaterThan(without.Probability("养老金领取资格认证", "劳动和社会保障"));
        // Names of the level-1 categories outside the seven are not trained as 其他.
        with.Probability("养老院床位", CategoryVocabulary.Other).ShouldBeLessThan(0.5f);
    }

    [Fact]
    public void A_corpus_idf_and_a_lead_block_train_a_model_that_carries_the_table()
    {
        var c = FixtureCorpus();
        var o = new CategoryTrainingOptions
        {
            HashBits = 14, Epochs = 2, NGramCorpusIdf = true, WordCorpusIdf = true, WordTokens = true, WordIdf = true, LeadChars = 20, LeadMinTextChars = 10,
        };
        var model = CategoryTraining.Train(c, c.Labelled, o);
        model.Features.BucketIdf.ShouldNotBeNull().Length.ShouldBe(1 << 14);
        model.Features.Options.LeadChars.ShouldBe(20);
        c.Labelled.Count(m => model.Predict(m.Text).Label == m.Label).ShouldBeGreaterThan(c.Labelled.Count / 2);
    }
}
