using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class ModelFileTests
{
    [Fact]
    public void Saved_and_loaded_model_gives_the_same_probabilities()
    {
        var model = TrainingFixture.TrainPolarity();
        using var ms = new MemoryStream();
        ModelFile.Save(model, ms);
        ms.Position = 0;
        var loaded = ModelFile.Load(ms);
        loaded.Labels.ShouldBe(model.Labels);
        foreach (var text in new[] { "服务很好", "太差了", "" })
        {
            var a = model.Probabilities(text);
            var b = loaded.Probabilities(text);
            for (int i = 0; i < a.Length; i++) b[i].ShouldBe(a[i], 0.01f);
        }
    }

    [Fact]
    public void File_without_the_magic_is_rejected_with_a_clear_error()
    {
        using var ms = new MemoryStream("not a model at all"u8.ToArray());
        Should.Throw<InvalidDataException>(() => ModelFile.Load(ms)).Message.ShouldContain("magic");
    }

    [Fact]
    public void Truncated_model_file_is_rejected_with_a_clear_error()
    {
        using var ms = new MemoryStream();
        ModelFile.Save(TrainingFixture.TrainPolarity(), ms);
        var cut = ms.ToArray()[..(int)(ms.Length / 2)];
        Should.Throw<InvalidDataException>(() => ModelFile.Load(new MemoryStream(cut)));
    }

    [Fact]
    public void Missing_embedded_model_names_the_train_command()
    {
        Should.Throw<InvalidOperationException>(() => ModelFile.LoadEmbedded("nope.model")).Message.ShouldContain("train");
    }

    [Fact]
    public void A_model_with_a_corpus_idf_and_a_lead_block_loads_with_its_table_and_scores_the_same()
    {
        var examples = TrainingFixture.Parse(TrainingFixture.PolarityLines);
        var options = new FeatureOptions { HashBits = 12, NGramCorpusIdf = true, LeadChars = 8, LeadMinTextChars = 4 };
        var idf = FeatureExtractor.ComputeBucketIdf(examples.Select(e => e.Text).ToList(), options);
        var fx = new FeatureExtractor(options, PhraseLexicon.Empty, bucketIdf: idf);
        var weights = new LogisticRegressionTrainer(new TrainerOptions { Epochs = 5 }).Train(examples.Select(e => fx.Extract(e.Text)).ToList(),
            examples.Select(e => e.Label).ToList(), ["neg", "pos"], options.Dimension);
        var model = new TextClassifier(fx, weights);
        using var ms = new MemoryStream();
        ModelFile.Save(model, ms);
        ms.Position = 0;

        var loaded = ModelFile.Load(ms);

        loaded.Features.Options.ShouldBe(options);
        loaded.Features.BucketIdf.ShouldBe(idf);
        foreach (var text in new[] { "服务很好，下次还来", "太差了", "" })
        {
            var a = model.Probabilities(text);
            var b = loaded.Probabilities(text);
            for (int i = 0; i < a.Length; i++) b[i].ShouldBe(a[i], 0.01f);
        }
    }
}
