using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class TextClassifierTests
{
    [Fact]
    public void Model_trained_on_fixture_lines_labels_unseen_lines_correctly()
    {
        var model = TrainingFixture.TrainPolarity();
        var heldOut = TrainingFixture.Parse(TrainingFixture.PolarityHeldOut);
        int correct = heldOut.Count(e => model.Predict(e.Text).Label == e.Label);
        correct.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Probabilities_sum_to_one()
    {
        var model = TrainingFixture.TrainPolarity();
        model.Probabilities("随便一句话").Sum().ShouldBe(1f, 1e-4f);
    }

    [Fact]
    public void Training_is_deterministic_for_the_same_seed()
    {
        var a = TrainingFixture.TrainPolarity().Probabilities("服务很好");
        var b = TrainingFixture.TrainPolarity().Probabilities("服务很好");
        a.ShouldBe(b);
    }

    [Fact]
    public void Averaged_training_gives_a_different_model_that_still_labels_unseen_lines()
    {
        var examples = TrainingFixture.Parse(TrainingFixture.PolarityLines);
        var lexicon = new PhraseLexicon(new Dictionary<string, string> { ["好"] = "pos", ["差"] = "neg" });
        var plain = TextClassifier.Train(examples, ["neg", "pos"], new FeatureOptions { HashBits = 14 }, lexicon,
            new TrainerOptions { Epochs = 20, LearningRate = 0.2f });
        var averaged = TextClassifier.Train(examples, ["neg", "pos"], new FeatureOptions { HashBits = 14 }, lexicon,
            new TrainerOptions { Epochs = 20, LearningRate = 0.2f, AverageFromEpoch = 10 });
        averaged.Probabilities("服务很好").ShouldNotBe(plain.Probabilities("服务很好"));
        var heldOut = TrainingFixture.Parse(TrainingFixture.PolarityHeldOut);
        heldOut.Count(e => averaged.Predict(e.Text).Label == e.Label).ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Unknown_label_in_training_data_is_rejected()
    {
        var examples = new List<LabelledExample> { new("好", "pos"), new("差", "maybe") };
        Should.Throw<ArgumentException>(() => TextClassifier.Train(examples, ["neg", "pos"], new FeatureOptions { HashBits = 10 },
            PhraseLexicon.Empty, new TrainerOptions()));
    }

    [Fact]
    public void Word_tokens_plug_in_through_the_tokenizer_abstraction()
    {
        var tokenizer = new DelegateTokenizer(t => t.Split('，', ' '));
        var fx = new FeatureExtractor(new FeatureOptions { HashBits = 12, UseWordTokens = true }, PhraseLexicon.Empty, tokenizer);
        var without = new FeatureExtractor(new FeatureOptions { HashBits = 12 }, PhraseLexicon.Empty);
        fx.Extract("暖气不热，求助").Count.ShouldBeGreaterThan(without.Extract("暖气不热，求助").Count);
    }

    [Fact]
    public void Model_trained_with_word_tokens_refuses_to_run_without_a_tokenizer()
    {
        Should.Throw<ArgumentException>(() => new FeatureExtractor(new FeatureOptions { UseWordTokens = true }, PhraseLexicon.Empty));
    }
}
