using System.Diagnostics;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Trains the polarity and emotion models on the research data and writes them into src/Nlp/Models.</summary>
public sealed class TrainSentimentCommand : ICliCommand
{
    public string Name => "train-sentiment";
    public string Summary => "train sentiment.model + emotion.model [--data DIR] [--models DIR] [--holdout every5|last2000] [--bits N] [--epochs N] [--ewect-weight W] [--no-save]";

    public int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var o = CliOptions.Parse(args, "no-save");
        o.OnlyKnown("data", "models", "holdout", "bits", "epochs", "ewect-weight", "no-save", "lr", "emotion-lr", "l2", "nb-mix", "chn-weight");
        var opts = new SentimentTrainingOptions
        {
            DataDirectory = CliPaths.DataDirectory(o),
            WeiboHoldOut = o.Get("holdout", "every5"),
            HashBits = o.GetInt("bits", 20),
            Epochs = o.GetInt("epochs", 6),
            EwectPolarityWeight = o.GetFloat("ewect-weight", 0.5f),
            LearningRate = o.GetFloat("lr", 0.1f),
            EmotionLearningRate = o.GetFloat("emotion-lr", 0.3f),
            L2 = o.GetFloat("l2", 1e-6f),
            NaiveBayesMix = o.GetFloat("nb-mix", 0.5f),
            ChnSentiCorpWeight = o.GetFloat("chn-weight", 1f),
        };
        var sw = Stopwatch.StartNew();
        var splits = SentimentTraining.LoadPolarity(opts);
        var emotion = SentimentTraining.LoadEmotion(opts);
        var lexicon = SentimentTraining.BuildLexicon(opts, splits.Train.Select(e => e.Text).Concat(emotion.Train.Select(e => e.Text)));
        stderr.WriteLine($"polarity train={splits.Train.Count} lexicon={lexicon.Count} words");

        var polarity = SentimentTraining.TrainPolarity(splits.Train, lexicon, opts, null, new StderrProgress(stderr, "polarity"));
        var weibo = SentimentTraining.Evaluate(polarity, splits.WeiboHeldOut);
        var chn = SentimentTraining.Evaluate(polarity, splits.ChnSentiCorpHeldOut);
        stdout.WriteLine($"weibo2018 held-out ({opts.WeiboHoldOut}): {weibo.Report()}");
        stdout.WriteLine($"ChnSentiCorp validation: {chn.Report()}");

        var emo = SentimentTraining.TrainEmotion(emotion.Train, lexicon, opts, null, new StderrProgress(stderr, "emotion"));
        var usual = SentimentTraining.Evaluate(emo, emotion.UsualHeldOut);
        var virus = SentimentTraining.Evaluate(emo, emotion.VirusHeldOut);
        stdout.WriteLine($"EWECT usual held-out: {usual.Report()}");
        stdout.WriteLine($"EWECT virus_eval: {virus.Report()}");

        if (!o.Has("no-save"))
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
            stderr.WriteLine($"wrote {SentimentAnalyzer.PolarityModelFile}, {SentimentAnalyzer.EmotionModelFile} to {dir}");
        }
        stderr.WriteLine($"done in {sw.Elapsed.TotalSeconds:F1}s");
        return 0;
    }
}
