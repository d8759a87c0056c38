using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Categories;

/// <summary>
/// Category model training: 345 labelled messages + unlabelled messages pseudo-labelled by cue
/// votes (taxonomy names, topic keywords, the department named in the official reply) + one
/// round of self-training + labelled short posts. Evaluated by stratified k-fold cross-validation
/// over the labelled messages, pseudo-labelling redone inside each fold from that fold's model.
/// </summary>
public static class CategoryTraining
{
    public sealed record Corpus(List<GovMessage> Labelled, List<GovMessage> Unlabelled, PhraseLexicon Lexicon, List<LabelledExample> ShortPosts);

    public static Corpus Load(CategoryTrainingOptions o, IEnumerable<LabelledExample>? shortPosts = null)
    {
        var labelled = GovMessage.ReadLabelled(o.LabelledPath);
        var unlabelled = o.UnlabelledPaths.Where(File.Exists).SelectMany(GovMessage.ReadUnlabelled).ToList();
        var names = File.Exists(o.TaxonomyPath) ? GovMessage.ReadTaxonomyNames(o.TaxonomyPath) : [];
        return new Corpus(labelled, unlabelled, new PhraseLexicon(CategorySeeds.FeatureLexicon(names)), shortPosts?.ToList() ?? []);
    }

    public static FeatureOptions Features(CategoryTrainingOptions o) =>
        new() { HashBits = o.HashBits, NGramMin = 1, NGramMax = 2, PolarityContext = false };

    public static TextClassifier Train(Corpus c, IReadOnlyList<GovMessage> labelled, CategoryTrainingOptions o,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<double>? progress = null)
    {
        var train = labelled.Select(m => new LabelledExample(m.Text, m.Label!)).ToList();
        train.AddRange(c.ShortPosts.Select(p => p with { Weight = p.Weight * o.ShortPostWeight }));
        var seeded = new List<LabelledExample>();
        foreach (var m in c.Unlabelled)
        {
            var label = CategorySeeds.PseudoLabel(c.Lexicon, m.Subject, m.Detail, m.Reply);
            if (label is not null) seeded.Add(new LabelledExample(m.Text, label, o.SeedWeight));
        }
        var trainer = new TrainerOptions { Epochs = o.Epochs, LearningRate = o.LearningRate, NaiveBayesScaling = false, BalanceClasses = true };
        var first = TextClassifier.Train(train.Concat(seeded).ToList(), CategoryVocabulary.Categories, Features(o), c.Lexicon, trainer);
        if (o.SelfTrainWeight <= 0)
        {
            progress?.Report(1);
            return new TextClassifier(first.Features, first.Model, metadata);
        }
        progress?.Report(0.5);
        var self = new LabelledExample[c.Unlabelled.Count];
        Parallel.For(0, c.Unlabelled.Count, i =>
        {
            var (label, p) = first.Predict(c.Unlabelled[i].Text);
            if (p >= o.SelfTrainThreshold) self[i] = new LabelledExample(c.Unlabelled[i].Text, label, o.SelfTrainWeight);
        });
        var second = TextClassifier.Train(train.Concat(self.Where(s => s is not null)).ToList(), CategoryVocabulary.Categories, Features(o), c.Lexicon, trainer,
            metadata: metadata);
        progress?.Report(1);
        return second;
    }

    /// <summary>Stratified k-fold cross-validation over the labelled messages (fold = position within its label, mod k).</summary>
    public static Metrics CrossValidate(Corpus c, CategoryTrainingOptions o, IProgress<double>? progress = null)
    {
        var fold = new int[c.Labelled.Count];
        foreach (var g in c.Labelled.Select((m, i) => (m, i)).GroupBy(t => t.m.Label))
        {
            int j = 0;
            foreach (var (_, i) in g) fold[i] = j++ % o.Folds;
        }
        var metrics = new Metrics();
        for (int f = 0; f < o.Folds; f++)
        {
            var train = c.Labelled.Where((_, i) => fold[i] != f).ToList();
            var model = Train(c, train, o);
            for (int i = 0; i < c.Labelled.Count; i++)
                if (fold[i] == f) metrics.Add(c.Labelled[i].Label!, model.Predict(c.Labelled[i].Text).Label);
            progress?.Report((f + 1.0) / o.Folds);
        }
        return metrics;
    }
}
