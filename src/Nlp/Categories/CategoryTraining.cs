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
    /// <param name="HandLabelled">Unlabelled messages labelled by hand: gold training data in every fold, never evaluated.</param>
    public sealed record Corpus(List<GovMessage> Labelled, List<GovMessage> Unlabelled, PhraseLexicon Lexicon, List<LabelledExample> ShortPosts,
        List<GovMessage>? HandLabelled = null)
    {
        public IReadOnlyList<GovMessage> Hand => HandLabelled ?? [];
    }

    /// <summary>
    /// Loads the data. <paramref name="handLabels"/> (ids + labels) are joined to unlabeled_messages.csv; an id from the
    /// evaluation set is refused (<see cref="HandLabels.Join"/>), and the hand-labelled texts leave the pseudo-label pool.
    /// </summary>
    public static Corpus Load(CategoryTrainingOptions o, IEnumerable<LabelledExample>? shortPosts = null,
        IReadOnlyList<(string Id, string Label)>? handLabels = null)
    {
        var labelled = GovMessage.ReadLabelled(o.LabelledPath);
        var unlabelled = o.UnlabelledPaths.Where(File.Exists).SelectMany(GovMessage.ReadUnlabelled).ToList();
        List<GovMessage>? hand = null;
        if (handLabels is { Count: > 0 })
        {
            // Ids are only unique within unlabeled_messages.csv (messages_with_replies.csv numbers its own rows).
            hand = HandLabels.Join(handLabels, GovMessage.ReadUnlabelled(o.UnlabelledPaths.First()), labelled);
            var handTexts = hand.Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
            unlabelled = unlabelled.Where(m => !handTexts.Contains(m.Text)).ToList();
        }
        var names = File.Exists(o.TaxonomyPath) ? GovMessage.ReadTaxonomyNames(o.TaxonomyPath) : [];
        if (o.DropLabelledDuplicates)
        {
            var seen = labelled.SelectMany(m => new[] { "s:" + m.Subject.Trim(), "d:" + m.Detail.Trim() }).ToHashSet(StringComparer.Ordinal);
            unlabelled = unlabelled.Where(m => !seen.Contains("s:" + m.Subject.Trim()) && !seen.Contains("d:" + m.Detail.Trim())).ToList();
        }
        return new Corpus(labelled, unlabelled, new PhraseLexicon(CategorySeeds.FeatureLexicon(names)), shortPosts?.ToList() ?? [], hand);
    }

    public static FeatureOptions Features(CategoryTrainingOptions o) =>
        new()
        {
            HashBits = o.HashBits, NGramMin = 1, NGramMax = o.NGramMax, PolarityContext = false,
            UseWordTokens = o.WordTokens, WordIdf = o.WordIdf, WordScale = o.WordScale,
        };

    /// <summary>The word tokenizer the features need (null for character n-grams only).</summary>
    public static ITokenizer? Tokenizer(CategoryTrainingOptions o) => o.WordTokens ? JiebaWordTokenizer.Default : null;

    /// <summary>
    /// Pseudo-label of an unlabelled message: the department its official reply names when
    /// <see cref="CategoryTrainingOptions.ReplyDepartments"/> is on, else the cue vote. Never looks at labels.
    /// </summary>
    public static string? PseudoLabel(Corpus c, GovMessage m, CategoryTrainingOptions o) =>
        (o.ReplyDepartments ? ReplyDepartments.CategoryOf(m.Reply) : null) ?? CategorySeeds.PseudoLabel(c.Lexicon, m.Subject, m.Detail, m.Reply);

    public static TextClassifier Train(Corpus c, IReadOnlyList<GovMessage> labelled, CategoryTrainingOptions o,
        IReadOnlyDictionary<string, string>? metadata = null, IProgress<double>? progress = null)
    {
        var train = labelled.Select(m => new LabelledExample(m.Text, m.Label!)).ToList();
        train.AddRange(c.Hand.Select(m => new LabelledExample(m.Text, m.Label!, o.HandLabelWeight)));
        train.AddRange(c.ShortPosts.Select(p => p with { Weight = p.Weight * o.ShortPostWeight }));
        var seeds = new string?[c.Unlabelled.Count];
        Parallel.For(0, c.Unlabelled.Count, i => seeds[i] = PseudoLabel(c, c.Unlabelled[i], o));
        var seeded = new List<LabelledExample>();
        for (int i = 0; i < seeds.Length; i++)
            if (seeds[i] is { } label) seeded.Add(new LabelledExample(c.Unlabelled[i].Text, label, o.SeedWeight));
        var trainer = new TrainerOptions { Epochs = o.Epochs, LearningRate = o.LearningRate, NaiveBayesScaling = false, BalanceClasses = true };
        var tokenizer = Tokenizer(o);
        bool selfTrain = o.SelfTrainWeight > 0 && o.SelfTrainRounds > 0;
        var model = TextClassifier.Train(train.Concat(seeded).ToList(), CategoryVocabulary.Categories, Features(o), c.Lexicon, trainer, tokenizer,
            selfTrain ? null : metadata);
        if (!selfTrain)
        {
            progress?.Report(1);
            return model;
        }
        for (int round = 0; round < o.SelfTrainRounds; round++)
        {
            progress?.Report((round + 1.0) / (o.SelfTrainRounds + 1));
            var self = new LabelledExample?[c.Unlabelled.Count];
            var current = model;
            Parallel.For(0, c.Unlabelled.Count, i =>
            {
                var (label, p) = current.Predict(c.Unlabelled[i].Text);
                if (p >= o.SelfTrainThreshold) self[i] = new LabelledExample(c.Unlabelled[i].Text, label, o.SelfTrainWeight);
                else if (o.SelfTrainKeepSeeds && seeds[i] is { } seed) self[i] = new LabelledExample(c.Unlabelled[i].Text, seed, o.SeedWeight);
            });
            model = TextClassifier.Train(train.Concat(self.OfType<LabelledExample>()).ToList(), CategoryVocabulary.Categories, Features(o), c.Lexicon, trainer,
                tokenizer, round == o.SelfTrainRounds - 1 ? metadata : null);
        }
        progress?.Report(1);
        return model;
    }

    /// <summary>The model's label, or with <see cref="CategoryTrainingOptions.RuleVote"/> the cue vote's when it is clear.</summary>
    private static string Predict(Corpus c, TextClassifier model, GovMessage m, CategoryTrainingOptions o) =>
        (o.RuleVote ? CategorySeeds.PseudoLabel(c.Lexicon, m.Subject, m.Detail, null) : null) ?? model.Predict(m.Text).Label;

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
                if (fold[i] == f) metrics.Add(c.Labelled[i].Label!, Predict(c, model, c.Labelled[i], o));
            progress?.Report((f + 1.0) / o.Folds);
        }
        return metrics;
    }

    /// <summary>
    /// Pure held-out check: one model trained without any labelled message (hand labels, pseudo-labels, short posts),
    /// scored on every labelled message.
    /// </summary>
    public static Metrics EvaluateWithoutLabelled(Corpus c, CategoryTrainingOptions o)
    {
        var model = Train(c, [], o);
        var metrics = new Metrics();
        foreach (var m in c.Labelled) metrics.Add(m.Label!, Predict(c, model, m, o));
        return metrics;
    }
}
