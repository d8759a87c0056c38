using System.Diagnostics;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Trains the polarity and emotion models on the research data and writes them into src/Nlp/Models.</summary>
public sealed class TrainSentimentCommand : ICliCommand
{
    public string Name => "train-sentiment";
    public string Usage => "[--data DIR] [--models DIR] [--holdout every5|last2000] [--bits N] [--epochs N] [--ewect-weight W] [--no-save]   writes sentiment.model + emotion.model";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var o = CliOptions.Parse(args, ["--no-save"], ["--data", "--models", "--holdout", "--bits", "--epochs", "--ewect-weight", "--lr", "--emotion-lr", "--l2", "--nb-mix", "--chn-weight"]);
        var opts = new SentimentTrainingOptions
        {
            DataDirectory = CliPaths.DataDirectory(o),
            WeiboHoldOut = CliPaths.HoldOut(o),
            HashBits = o.Int("--bits", 20, 10, 26),
            Epochs = o.Int("--epochs", 6, 1, 1000),
            EwectPolarityWeight = o.Float("--ewect-weight", 0.5f, 0f, 1_000f),
            LearningRate = o.Float("--lr", 0.1f, 0f, 1_000f),
            EmotionLearningRate = o.Float("--emotion-lr", 0.3f, 0f, 1_000f),
            L2 = o.Float("--l2", 1e-6f, 0f, 1_000f),
            NaiveBayesMix = o.Float("--nb-mix", 0.5f, 0f, 1f),
            ChnSentiCorpWeight = o.Float("--chn-weight", 1f, 0f, 1_000f),
        };
        var sw = Stopwatch.StartNew();
        var splits = SentimentTraining.LoadPolarity(opts);
        var emotion = SentimentTraining.LoadEmotion(opts);
        var lexicon = SentimentTraining.BuildLexicon(opts, splits.Train.Select(e => e.Text).Concat(emotion.Train.Select(e => e.Text)));
        error.WriteLine($"polarity train={splits.Train.Count} lexicon={lexicon.Count} words");

        var polarity = SentimentTraining.TrainPolarity(splits.Train, lexicon, opts, null, new StderrProgress(error, "polarity"));
        var weibo = SentimentTraining.Evaluate(polarity, splits.WeiboHeldOut);
        var chn = SentimentTraining.Evaluate(polarity, splits.ChnSentiCorpHeldOut);
        output.WriteLine($"weibo2018 held-out ({opts.WeiboHoldOut}): {weibo.Report()}");
        output.WriteLine($"ChnSentiCorp validation: {chn.Report()}");

        var emo = SentimentTraining.TrainEmotion(emotion.Train, lexicon, opts, null, new StderrProgress(error, "emotion"));
        var usual = SentimentTraining.Evaluate(emo, emotion.UsualHeldOut);
        var virus = SentimentTraining.Evaluate(emo, emotion.VirusHeldOut);
        output.WriteLine($"EWECT usual held-out: {usual.Report()}");
        output.WriteLine($"EWECT virus_eval: {virus.Report()}");

        if (!o.Has("--no-save"))
        {
            var dir = CliPaths.ModelsDirectory(o);
            var meta = new Dictionary<string, string>
            {
                ["trained"] = "weibo2018 (hold-out " + opts.WeiboHoldOut + "), ChnSentiCorp train, SMP2020-EWECT train part",
                ["weibo2018.accuracy"] = weibo.Accuracy.ToString("F4"),
                ["chnsenticorp.accuracy"] = chn.Accuracy.ToString("F4"),
            };
            ModelFile.Save(new TextClassifier(polarity.Features, polarity.Model, meta), Path.Combine(dir, SentimentAnalyzer.PolarityModelFile));
            ModelFile.Save(new TextClassifier(emo.Features, emo.Model, new Dictionary<string, string>
            {
                ["trained"] = "SMP2020-EWECT virus_train + usual_eval even positions",
                ["usual.angryF1"] = usual.For("angry").F1.ToString("F4"),
            }), Path.Combine(dir, SentimentAnalyzer.EmotionModelFile));
            error.WriteLine($"wrote {SentimentAnalyzer.PolarityModelFile}, {SentimentAnalyzer.EmotionModelFile} to {dir}");
        }
        error.WriteLine($"done in {sw.Elapsed.TotalSeconds:F1}s");
        return 0;
    }
}
