using System.Diagnostics;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>Scores the shipped sentiment/emotion models on the held-out parts of the research sets.</summary>
public sealed class EvalSentimentCommand : ICliCommand
{
    public string Name => "eval-sentiment";
    public string Usage => "[--data DIR] [--holdout every5|last2000]   scores the shipped sentiment/emotion models on the held-out research sets";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var o = CliOptions.Parse(args, [], ["--data", "--holdout"]);
        var opts = new SentimentTrainingOptions { DataDirectory = CliPaths.DataDirectory(o), WeiboHoldOut = CliPaths.HoldOut(o), EwectPolarityWeight = 0 };
        var sw = Stopwatch.StartNew();
        var analyzer = SentimentAnalyzer.Default;
        double analyzerMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        _ = CityMatrix.Nlp.Complaints.ComplaintDetector.Default;
        double complaintMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        _ = CityMatrix.Nlp.Categories.CategoryClassifier.Default;
        double categoryMs = sw.Elapsed.TotalMilliseconds;
        output.WriteLine($"load time: sentiment+emotion {analyzerMs:F0} ms, complaint {complaintMs:F0} ms, category {categoryMs:F0} ms");
        var splits = SentimentTraining.LoadPolarity(opts);
        var emotion = SentimentTraining.LoadEmotion(opts);
        var progress = new StderrProgress(error, "evaluating");
        output.WriteLine($"weibo2018 held-out ({opts.WeiboHoldOut}): {SentimentTraining.Evaluate(analyzer.PolarityModel, splits.WeiboHeldOut).Report()}");
        progress.Report(0.4);
        output.WriteLine($"ChnSentiCorp validation: {SentimentTraining.Evaluate(analyzer.PolarityModel, splits.ChnSentiCorpHeldOut).Report()}");
        progress.Report(0.6);
        output.WriteLine($"EWECT usual held-out: {SentimentTraining.Evaluate(analyzer.EmotionModel, emotion.UsualHeldOut).Report()}");
        progress.Report(0.8);
        output.WriteLine($"EWECT virus_eval: {SentimentTraining.Evaluate(analyzer.EmotionModel, emotion.VirusHeldOut).Report()}");
        progress.Report(1);
        return 0;
    }
}
