using System.Collections.Concurrent;
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
        List<GovMessage>? HandLabelled = null, List<(string Category, string Name)>? TaxonomyNames = null)
    {
        public IReadOnlyList<GovMessage> Hand => HandLabelled ?? [];
        public IReadOnlyList<(string Category, string Name)> Taxonomy => TaxonomyNames ?? [];

        /// <summary>
        /// Feature vectors already extracted, per feature options, lexicon and text: cross-validation trains on the same texts in
        /// every fold and seed, and the extractor is deterministic, so the vectors (not the models) are shared.
        /// </summary>
        internal ConcurrentDictionary<(FeatureOptions Options, PhraseLexicon Lexicon, string Text), SparseVector> FeatureCache { get; } = new();

        /// <summary>
        /// Corpus IDF per hash bucket over the texts every fold may see: the pseudo-label pool and the hand-labelled messages,
        /// never the labelled (evaluation) ones. Computed once per feature options.
        /// </summary>
        internal float[] BucketIdf(FeatureOptions options, ITokenizer? tokenizer) =>
            _idf.GetOrAdd(options with { NGramCorpusIdf = false, WordCorpusIdf = false, LeadChars = 0, LeadScale = 1f, LeadMinTextChars = 0, LeadNGramMax = 0 }, key =>
                FeatureExtractor.ComputeBucketIdf(Unlabelled.Concat(Hand).Select(m => m.Text).ToList(), key, tokenizer));

        private readonly ConcurrentDictionary<FeatureOptions, float[]> _idf = new();
    }

    /// <summary>Accuracy and macro-F1 over several cross-validation runs: mean and sample standard deviation.</summary>
    public sealed record SeedSummary(IReadOnlyList<Metrics> Runs)
    {
        public (double Mean, double Sd) MacroF1 => MeanSd(Runs.Select(r => r.MacroF1));
        public (double Mean, double Sd) Accuracy => MeanSd(Runs.Select(r => r.Accuracy));

        /// <summary>Mean and sample standard deviation of the F1 of <paramref name="label"/> over the runs.</summary>
        public (double Mean, double Sd) F1(string label) => MeanSd(Runs.Select(r => r.For(label).F1));

        public static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
        {
            var v = values.ToList();
            if (v.Count == 0) return (0, 0);
            double mean = v.Average();
            double sd = v.Count < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
            return (mean, sd);
        }

        public string Report()
        {
            var sb = new System.Text.StringBuilder();
            sb.AppendLine($"runs={Runs.Count} accuracy={Accuracy.Mean:F4} ± {Accuracy.Sd:F4} macroF1={MacroF1.Mean:F4} ± {MacroF1.Sd:F4} (mean ± sample sd)");
            var gold = Runs.Count == 0 ? [] : Runs[0].Labels.Where(l => Runs[0].For(l).Support > 0);
            foreach (var l in gold)
            {
                var (mean, sd) = F1(l);
                double p = Runs.Average(r => r.For(l).Precision), rc = Runs.Average(r => r.For(l).Recall);
                sb.AppendLine($"  {l}\tF1={mean:F4} ± {sd:F4}\tP={p:F3}\tR={rc:F3}");
            }
            // Predictions of a label no evaluation message carries (其他): each one is an error.
            foreach (var l in Runs.SelectMany(r => r.Labels).Distinct().Where(l => Runs[0].For(l).Support == 0))
                sb.AppendLine($"  {l}\tpredicted {Runs.Average(r => r.Count == 0 ? 0 : r.Labels.Contains(l) ? r.PredictedCount(l) : 0):F1} times per run (no evaluation message has it)");
            return sb.ToString().TrimEnd();
        }
    }

    /// <summary>
    /// Loads the data. <paramref name="handLabels"/> (ids + labels) are joined to unlabeled_messages.csv (plain ids) and
    /// messages_with_replies.csv (ids with <see cref="HandLabels.ReplyIdPrefix"/>); an id from the
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
            // Ids are only unique within each file (messages_with_replies.csv numbers its own rows): its ids carry a prefix.
            hand = HandLabels.Join(handLabels, HandLabels.Pool(o.UnlabelledPaths), labelled);
            var handTexts = hand.Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
            unlabelled = unlabelled.Where(m => !handTexts.Contains(m.Text)).ToList();
        }
        var names = File.Exists(o.TaxonomyPath) ? GovMessage.ReadTaxonomyNames(o.TaxonomyPath) : [];
        if (o.DropLabelledDuplicates)
        {
            var seen = labelled.SelectMany(m => new[] { "s:" + m.Subject.Trim(), "d:" + m.Detail.Trim() }).ToHashSet(StringComparer.Ordinal);
            unlabelled = unlabelled.Where(m => !seen.Contains("s:" + m.Subject.Trim()) && !seen.Contains("d:" + m.Detail.Trim())).ToList();
        }
        if (o.DropLabelledNearCopies)
        {
            var near = new NearCopies(labelled);
            var keep = new bool[unlabelled.Count];
            Parallel.For(0, unlabelled.Count, i => keep[i] = !near.IsNearCopy(unlabelled[i]));
            unlabelled = unlabelled.Where((_, i) => keep[i]).ToList();
        }
        return new Corpus(labelled, unlabelled, new PhraseLexicon(CategorySeeds.FeatureLexicon(names)), shortPosts?.ToList() ?? [], hand, names);
    }

    public static FeatureOptions Features(CategoryTrainingOptions o) =>
        new()
        {
            HashBits = o.HashBits, NGramMin = 1, NGramMax = o.NGramMax, PolarityContext = false,
            UseWordTokens = o.WordTokens, WordIdf = o.WordIdf, WordScale = o.WordScale,
            NGramCorpusIdf = o.NGramCorpusIdf, WordCorpusIdf = o.WordCorpusIdf && o.WordIdf, LeadChars = o.LeadChars, LeadScale = o.LeadScale,
            LeadMinTextChars = o.LeadMinTextChars, LeadNGramMax = o.LeadNGramMax,
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
        if (o.TaxonomyExampleWeight > 0)
            // The level-2/3 names of the seven categories as tiny examples (not the other level-1 categories: no letter is 其他;
            // not the catch-all name "其他", which every category has).
            train.AddRange(c.Taxonomy.Where(t => t.Category != CategoryVocabulary.Other && t.Name.Trim() != CategoryVocabulary.Other)
                .Select(t => new LabelledExample(t.Name, t.Category, o.TaxonomyExampleWeight)));
        var seeds = new string?[c.Unlabelled.Count];
        Parallel.For(0, c.Unlabelled.Count, i => seeds[i] = PseudoLabel(c, c.Unlabelled[i], o));
        var seeded = new List<LabelledExample>();
        for (int i = 0; i < seeds.Length; i++)
            if (seeds[i] is { } label) seeded.Add(new LabelledExample(c.Unlabelled[i].Text, label, o.SeedWeight));
        var trainer = new TrainerOptions { Epochs = o.Epochs, LearningRate = o.LearningRate, NaiveBayesScaling = false, BalanceClasses = true, Seed = o.Seed,
            AverageFromEpoch = o.AverageFromEpoch };
        var tokenizer = Tokenizer(o);
        bool selfTrain = o.SelfTrainWeight > 0 && o.SelfTrainRounds > 0;
        var model = TrainCached(c, train.Concat(seeded).ToList(), o, trainer, tokenizer, selfTrain ? null : metadata);
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
            model = TrainCached(c, train.Concat(self.OfType<LabelledExample>()).ToList(), o, trainer, tokenizer,
                round == o.SelfTrainRounds - 1 ? metadata : null);
        }
        progress?.Report(1);
        return model;
    }

    /// <summary>Same as <see cref="TextClassifier.Train"/>, with the feature vectors taken from the corpus cache.</summary>
    private static TextClassifier TrainCached(Corpus c, IReadOnlyList<LabelledExample> examples, CategoryTrainingOptions o, TrainerOptions trainer,
        ITokenizer? tokenizer, IReadOnlyDictionary<string, string>? metadata)
    {
        var features = Features(o);
        var fx = new FeatureExtractor(features, c.Lexicon, tokenizer, features.NeedsCorpusIdf ? c.BucketIdf(features, tokenizer) : null);
        var xs = new SparseVector[examples.Count];
        Parallel.For(0, examples.Count, i => xs[i] = c.FeatureCache.GetOrAdd((features, c.Lexicon, examples[i].Text), key => fx.Extract(key.Text)));
        var ys = examples.Select(e => e.Label).ToArray();
        var weights = examples.Select(e => e.Weight).ToArray();
        var model = new LogisticRegressionTrainer(trainer).Train(xs, ys, CategoryVocabulary.Categories, features.Dimension, weights);
        if (o.EnsembleSeeds > 1)
        {
            // Same data, other example orders; a mean of linear models is one linear model, so the model file is unchanged.
            var w = model.ClassMajorWeights().Select(v => (double)v).ToArray();
            var b = model.Bias.Select(v => (double)v).ToArray();
            for (int e = 1; e < o.EnsembleSeeds; e++)
            {
                var other = new LogisticRegressionTrainer(trainer with { Seed = trainer.Seed + 1000 * e }).Train(xs, ys, CategoryVocabulary.Categories,
                    features.Dimension, weights);
                var otherWeights = other.ClassMajorWeights();
                for (int f = 0; f < w.Length; f++) w[f] += otherWeights[f];
                for (int j = 0; j < b.Length; j++) b[j] += other.Bias[j];
            }
            model = new LinearModel(CategoryVocabulary.Categories, features.Dimension, w.Select(v => (float)(v / o.EnsembleSeeds)).ToArray(),
                b.Select(v => (float)(v / o.EnsembleSeeds)).ToArray());
        }
        return new TextClassifier(fx, model, metadata);
    }

    /// <summary>The model's label, or with <see cref="CategoryTrainingOptions.RuleVote"/> the cue vote's when it is clear.</summary>
    private static string Predict(Corpus c, TextClassifier model, GovMessage m, CategoryTrainingOptions o) =>
        (o.RuleVote ? CategorySeeds.PseudoLabel(c.Lexicon, m.Subject, m.Detail, null) : null) ?? model.Predict(m.Text).Label;

    /// <summary>
    /// Stratified k-fold cross-validation over the labelled messages (fold = position within its label, mod k).
    /// <paramref name="foldSeed"/> 0 keeps the file order within each label; another value shuffles it first (Random(foldSeed)),
    /// so the folds differ from run to run.
    /// </summary>
    public static Metrics CrossValidate(Corpus c, CategoryTrainingOptions o, IProgress<double>? progress = null, int foldSeed = 0)
    {
        var fold = new int[c.Labelled.Count];
        var rng = foldSeed == 0 ? null : new Random(foldSeed);
        foreach (var g in c.Labelled.Select((m, i) => (m, i)).GroupBy(t => t.m.Label))
        {
            var members = g.Select(t => t.i).ToArray();
            rng?.Shuffle(members);
            int j = 0;
            foreach (var i in members) fold[i] = j++ % o.Folds;
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
    /// Cross-validation repeated over <paramref name="runs"/> shuffle seeds: run r (0-based) shuffles the training order with
    /// trainer seed <c>o.Seed + r</c> and the fold assignment with fold seed r (run 0 is exactly <see cref="CrossValidate"/>
    /// with <paramref name="o"/>). Single runs differ by ±.02–.03 macro-F1 from the order alone; compare means.
    /// </summary>
    public static SeedSummary CrossValidateSeeds(Corpus c, CategoryTrainingOptions o, int runs, IProgress<double>? progress = null,
        Action<int, Metrics>? onRun = null)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), "at least one run");
        var list = new List<Metrics>(runs);
        for (int r = 0; r < runs; r++)
        {
            var m = CrossValidate(c, o with { Seed = o.Seed + r }, progress is null ? null : new RunProgress(progress, r, runs), r);
            list.Add(m);
            onRun?.Invoke(r, m);
        }
        return new SeedSummary(list);
    }

    /// <summary>
    /// Pure held-out check: one model trained without any labelled message (hand labels, pseudo-labels, short posts),
    /// scored on every labelled message.
    /// </summary>
    /// <summary><see cref="EvaluateWithoutLabelled"/> with trainer seeds o.Seed, o.Seed + 1, …: the spread from the training order alone.</summary>
    public static SeedSummary EvaluateWithoutLabelledSeeds(Corpus c, CategoryTrainingOptions o, int runs) =>
        new(Enumerable.Range(0, runs).Select(r => EvaluateWithoutLabelled(c, o with { Seed = o.Seed + r })).ToList());

    public static Metrics EvaluateWithoutLabelled(Corpus c, CategoryTrainingOptions o)
    {
        var model = Train(c, [], o);
        var metrics = new Metrics();
        foreach (var m in c.Labelled) metrics.Add(m.Label!, Predict(c, model, m, o));
        return metrics;
    }

    private sealed class RunProgress(IProgress<double> outer, int run, int runs) : IProgress<double>
    {
        public void Report(double value) => outer.Report((run + value) / runs);
    }
}
