using System.Text.RegularExpressions;
using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Sentiment;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Complaints;

/// <summary>
/// Complaint model training. Positives: template complaints, hand-written training posts, and the
/// subjects of the govmsg citizen messages with the anonymised places ("A市", "A3区") rewritten to
/// Yinchuan ones, so that naming a district is not a shortcut. Negatives: template hard negatives,
/// hand-written training posts, weibo2018 and SMP2020-EWECT posts. Research data is optional:
/// without the data directory the model trains on the project's own posts only.
/// </summary>
public static partial class ComplaintTraining
{
    public static readonly string[] Labels = [ComplaintPostGenerator.NotComplaint, ComplaintPostGenerator.Complaint];

    public static List<LabelledExample> BuildTrainingSet(ComplaintTrainingOptions o, bool useResearchData = true)
    {
        var set = new List<LabelledExample>();
        set.AddRange(ShortPostSets.Templates(o.TemplateComplaints, o.TemplateNegatives, 7).Select(p => ToExample(p, o.TemplateWeight)));
        set.AddRange(ShortPostSets.HandWrittenTrain().Select(p => ToExample(p, o.HandWrittenWeight)));
        if (!useResearchData) return set;

        var rng = new Random(5);
        var govmsg = Path.Combine(o.DataDirectory, "govmsg");
        foreach (var file in new[] { "labeled_messages.csv", "unlabeled_messages.csv", "messages_with_replies.csv" })
        {
            var path = Path.Combine(govmsg, file);
            if (!File.Exists(path)) continue;
            foreach (var row in CsvRecords.ReadWithHeader(path))
            {
                var subject = row.GetValueOrDefault("subject", "");
                if (subject.Length >= 6) set.Add(new LabelledExample(Localize(subject, rng), ComplaintPostGenerator.Complaint, o.ResearchWeight));
            }
        }
        var s = new SentimentTrainingOptions { DataDirectory = o.DataDirectory };
        if (File.Exists(s.WeiboPath))
            set.AddRange(SentimentDatasets.ReadWeibo2018(s.WeiboPath).Select(e => new LabelledExample(e.Text, ComplaintPostGenerator.NotComplaint, o.ResearchWeight)));
        var ewect = Path.Combine(s.EwectDirectory, "virus_train.json");
        if (File.Exists(ewect))
            set.AddRange(SentimentDatasets.ReadEwect(ewect).Where((_, i) => i % 2 == 0)
                .Select(e => new LabelledExample(e.Text, ComplaintPostGenerator.NotComplaint, o.ResearchWeight)));
        return set;
    }

    private static LabelledExample ToExample(ShortPostSets.ShortPost p, float weight) =>
        new(p.Text, p.IsComplaint ? ComplaintPostGenerator.Complaint : ComplaintPostGenerator.NotComplaint, weight);

    private static readonly string[] Districts = ["兴庆区", "金凤区", "西夏区"];
    private static readonly string[] Counties = ["永宁县", "贺兰县"];

    /// <summary>"A市A3区…" → "银川市金凤区…", "西地省" → "宁夏".</summary>
    public static string Localize(string text, Random rng)
    {
        text = CityRegex().Replace(text, "银川市");
        text = DistrictRegex().Replace(text, _ => Districts[rng.Next(Districts.Length)]);
        text = CountyRegex().Replace(text, _ => Counties[rng.Next(Counties.Length)]);
        return text.Replace("西地省", "宁夏");
    }

    [GeneratedRegex("[A-Z][0-9]*市")] private static partial Regex CityRegex();
    [GeneratedRegex("[A-Z][0-9]*区")] private static partial Regex DistrictRegex();
    [GeneratedRegex("[A-Z][0-9]*县")] private static partial Regex CountyRegex();

    public static TextClassifier Train(IReadOnlyList<LabelledExample> set, ComplaintTrainingOptions o,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<double>? progress = null) =>
        TextClassifier.Train(set, Labels, new FeatureOptions { HashBits = o.HashBits, NGramMin = 1, NGramMax = 3, PolarityContext = false },
            new PhraseLexicon(ComplaintCues.Lexicon()),
            new TrainerOptions { Epochs = o.Epochs, LearningRate = o.LearningRate, NaiveBayesScaling = true, BalanceClasses = true },
            metadata: metadata, progress: progress);

    public static Metrics Evaluate(ComplaintDetector detector, IEnumerable<ShortPostSets.ShortPost> posts)
    {
        var m = new Metrics();
        foreach (var p in posts) m.Add(p.IsComplaint ? "1" : "0", detector.Detect(p.Text).IsComplaint ? "1" : "0");
        return m;
    }
}
