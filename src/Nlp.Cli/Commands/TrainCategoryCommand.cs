using System.Diagnostics;
using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Cli.Commands;

/// <summary>
/// Cross-validates, then trains the category model on all labelled data and writes category.model. The defaults are the
/// shipped model's options (dedupe of exact repeats and near-copies, reply departments, TF-IDF word tokens, seed weight 0.1,
/// the committed hand labels, a mean of 3 training orders, 2^20 buckets, the subject as its own n-gram block, the taxonomy's
/// names as examples): plain <c>train-category</c> reproduces it; --no-dedupe, --no-dedupe-near, --no-reply-departments,
/// --chars-only, --no-hand-labels, --lead-chars 0, --taxonomy-weight 0, --bits 18 turn them off.
/// </summary>
public sealed class TrainCategoryCommand : ICliCommand
{
    public string Name => "train-category";
    public string Usage => "[--data DIR] [--models DIR] [--folds N] [--cv-seeds N (1)] [--seed S (17)] [--no-dedupe-near] [--average-from EPOCH] [--ensemble K (3)] [--seed-weight W (0.1)] [--self-weight W] [--self-threshold P] [--self-rounds N] [--keep-seeds] [--words (binary) | --chars-only] [--word-scale S] [--ngram-max N] [--no-reply-departments] [--no-dedupe] [--bits B (20)] [--hand-labels FILE | --no-hand-labels] [--hand-weight W] [--corpus-idf | --ngram-corpus-idf | --word-corpus-idf] [--lead-chars N (60)] [--lead-scale S (1.5)] [--lead-min CHARS (60)] [--lead-ngram-max N] [--taxonomy-weight W (0.5)] [--holdout-eval] [--list-near-copies] [--no-cv] [--no-save]   cross-validates, writes category.model";

    public int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var o = CliOptions.Parse(args, ["--no-save", "--no-cv", "--words", "--tfidf", "--reply-departments", "--dedupe", "--keep-seeds", "--diagnose", "--rule-vote", "--no-hand-labels", "--holdout-eval", "--no-dedupe", "--no-reply-departments", "--chars-only", "--list-near-copies", "--dedupe-near", "--no-dedupe-near", "--ngram-corpus-idf", "--word-corpus-idf", "--corpus-idf"], ["--taxonomy-weight", "--lead-ngram-max", "--lead-min", "--lead-chars", "--lead-scale", "--average-from", "--ensemble", "--cv-seeds", "--seed", "--hand-labels", "--hand-weight", "--word-scale", "--ngram-max", "--self-rounds", "--data", "--models", "--folds", "--seed-weight", "--self-weight", "--self-threshold", "--bits", "--epochs", "--lr", "--short-weight"]);
        var opts = new CategoryTrainingOptions
        {
            DataDirectory = CliPaths.DataDirectory(o),
            Folds = o.Int("--folds", 5, 2, 50),
            SeedWeight = o.Float("--seed-weight", 0.1f, 0f, 1_000f),
            SelfTrainWeight = o.Float("--self-weight", 0f, 0f, 1_000f),
            SelfTrainThreshold = o.Float("--self-threshold", 0.7f, 0f, 1f),
            // 2^20 buckets since 2026-11-27 (nlpcat4): with the lead block and the taxonomy examples better than 2^18 (PERFORMANCE.md).
            HashBits = o.Int("--bits", 20, 10, 26),
            Epochs = o.Int("--epochs", 10, 1, 1000),
            LearningRate = o.Float("--lr", 0.2f, 0f, 1_000f),
            Seed = o.Int("--seed", 17, 0, 1_000_000),
            // Unlabelled near-copies of labelled messages leave the pseudo-label pool too (default since 2026-11-26; --dedupe-near accepted).
            DropLabelledNearCopies = !o.Has("--no-dedupe") && !o.Has("--no-dedupe-near"),
            AverageFromEpoch = o.Int("--average-from", 0, 0, 1000),
            // Mean of 3 models trained in different example orders (default since 2026-11-26: +.016 seed-averaged CV macro-F1).
            EnsembleSeeds = o.Int("--ensemble", 3, 1, 20),
            ShortPostWeight = o.Float("--short-weight", 1f, 0f, 1_000f),
            // --tfidf, --dedupe and --reply-departments are the defaults now and still accepted.
            WordTokens = !o.Has("--chars-only"),
            WordIdf = !o.Has("--chars-only") && !o.Has("--words"),
            WordScale = o.Float("--word-scale", 1f, 0f, 100f),
            NGramMax = o.Int("--ngram-max", 2, 1, 4),
            ReplyDepartments = !o.Has("--no-reply-departments"),
            DropLabelledDuplicates = !o.Has("--no-dedupe"),
            SelfTrainRounds = o.Int("--self-rounds", 1, 1, 10),
            SelfTrainKeepSeeds = o.Has("--keep-seeds"),
            RuleVote = o.Has("--rule-vote"),
            HandLabelWeight = o.Float("--hand-weight", 1f, 0f, 1_000f),
            // Corpus IDF (experiment, off: no gain with the lead block, see PERFORMANCE.md): --corpus-idf for n-grams and words.
            NGramCorpusIdf = o.Has("--corpus-idf") || o.Has("--ngram-corpus-idf"),
            WordCorpusIdf = o.Has("--corpus-idf") || o.Has("--word-corpus-idf"),
            // Defaults since 2026-11-27 (nlpcat4): the subject as its own n-gram block for texts of ≥ 60 characters
            // (--lead-chars 0: off) and the taxonomy's level-2/3 names as examples (--taxonomy-weight 0: off).
            LeadChars = o.Int("--lead-chars", 60, 0, 200),
            LeadScale = o.Float("--lead-scale", 1.5f, 0f, 100f),
            LeadMinTextChars = o.Int("--lead-min", 60, 0, 10_000),
            LeadNGramMax = o.Int("--lead-ngram-max", 0, 0, 4),
            TaxonomyExampleWeight = o.Float("--taxonomy-weight", 0.5f, 0f, 1_000f),
        };
        var sw = Stopwatch.StartNew();
        var shortPosts = ShortPostSets.CategoryTraining();
        // Hand labels (ids only) default to the committed file; they train in every fold and are never scored.
        var handLabels = o.Has("--no-hand-labels") ? []
            : o.Value("--hand-labels") is { } handFile ? HandLabels.Read(handFile) : HandLabels.ReadEmbedded();
        if (o.Has("--list-near-copies")) return ListNearCopies(opts, handLabels, output);
        var corpus = CategoryTraining.Load(opts, shortPosts, handLabels);
        error.WriteLine($"labelled={corpus.Labelled.Count} hand-labelled={corpus.Hand.Count} unlabelled={corpus.Unlabelled.Count} short posts={corpus.ShortPosts.Count} cues={corpus.Lexicon.Count}");
        if (corpus.Hand.Count > 0)
            error.WriteLine("hand labels per class: " + string.Join(", ", corpus.Hand.GroupBy(m => m.Label).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        int seeds = o.Int("--cv-seeds", 1, 1, 100);
        if (o.Has("--holdout-eval"))
        {
            if (seeds == 1)
            {
                var held = CategoryTraining.EvaluateWithoutLabelled(corpus, opts);
                output.WriteLine($"govmsg labelled {corpus.Labelled.Count} as pure held-out set (trained on hand labels + pseudo-labels + short posts only): {held.Report()}");
            }
            else
            {
                var held = CategoryTraining.EvaluateWithoutLabelledSeeds(corpus, opts, seeds);
                output.WriteLine($"govmsg labelled {corpus.Labelled.Count} as pure held-out set (trained on hand labels + pseudo-labels + short posts only), trainer seeds {opts.Seed}..{opts.Seed + seeds - 1}: {held.Report()}");
            }
        }
        if (o.Has("--diagnose")) Diagnose(corpus, opts, output);
        var meta = new Dictionary<string, string> { ["trained"] = $"govmsg labelled + {corpus.Hand.Count} hand-labelled + pseudo-labelled unlabelled + hand-written short posts" };
        if (!o.Has("--no-cv"))
        {
            if (seeds == 1)
            {
                var cv = CategoryTraining.CrossValidate(corpus, opts, new StderrProgress(error, "cross-validation"));
                output.WriteLine($"govmsg labelled, {opts.Folds}-fold CV: {cv.Report()}");
                meta["cv.macroF1"] = cv.MacroF1.ToString("F4");
            }
            else
            {
                // Run r: trainer seed --seed + r, folds shuffled within each label by seed r (run 0 = the single-run CV above).
                var summary = CategoryTraining.CrossValidateSeeds(corpus, opts, seeds, new StderrProgress(error, "cross-validation"),
                    (r, m) => output.WriteLine($"  run {r} (trainer seed {opts.Seed + r}, fold seed {r}): accuracy={m.Accuracy:F4} macroF1={m.MacroF1:F4}"));
                output.WriteLine($"govmsg labelled, {opts.Folds}-fold CV over {seeds} shuffle seeds: {summary.Report()}");
                meta["cv.macroF1"] = $"{summary.MacroF1.Mean:F4} ± {summary.MacroF1.Sd:F4} ({seeds} seeds)";
            }
        }
        var model = CategoryTraining.Train(corpus, corpus.Labelled, opts, meta, new StderrProgress(error, "final model"));
        var heldPosts = ShortPostSets.CategoryHeldOut();
        if (heldPosts.Count > 0)
        {
            var cls = new CategoryClassifier(model);
            var m = new Metrics();
            foreach (var e in heldPosts) m.Add(e.Label, cls.Classify(e.Text).Category);
            output.WriteLine($"hand-written short posts (held out): {m.Report()}");
        }
        if (!o.Has("--no-save"))
        {
            var path = Path.Combine(CliPaths.ModelsDirectory(o), CategoryClassifier.ModelFileName);
            ModelFile.Save(model, path);
            error.WriteLine($"wrote {path}");
        }
        error.WriteLine($"done in {sw.Elapsed.TotalSeconds:F1}s");
        return 0;
    }

    /// <summary>
    /// Lists the hand labels that are near-copies of evaluation messages (HandLabels.Join refuses them), then how many
    /// messages of the pseudo-label pool are near-copies of an evaluation message. Trains nothing.
    /// </summary>
    private static int ListNearCopies(CategoryTrainingOptions opts, IReadOnlyList<(string Id, string Label)> handLabels, TextWriter output)
    {
        var evaluation = GovMessage.ReadLabelled(opts.LabelledPath);
        var pool = HandLabels.Pool(opts.UnlabelledPaths);
        var found = HandLabels.FindNearCopies(handLabels, pool, evaluation);
        output.WriteLine($"hand labels that are near-copies of evaluation messages: {found.Count} of {handLabels.Count}");
        foreach (var (id, evalId, jaccard, containment) in found)
            output.WriteLine($"{id}\tevaluation {evalId}\tJaccard {jaccard:F3}\tcontainment {containment:F3}");
        var near = new NearCopies(evaluation);
        var unlabelled = opts.UnlabelledPaths.Where(File.Exists).SelectMany(GovMessage.ReadUnlabelled).ToList();
        output.WriteLine($"unlabelled messages (pseudo-label pool, before --dedupe) that are near-copies of evaluation messages: {unlabelled.Count(near.IsNearCopy)} of {unlabelled.Count}");
        return 0;
    }

    /// <summary>
    /// How many unlabelled messages get a pseudo-label and from which source, and how often the cue vote
    /// (subject + detail, no reply) agrees with the labelled messages' labels. Diagnostic only: nothing here trains.
    /// </summary>
    private static void Diagnose(CategoryTraining.Corpus corpus, CategoryTrainingOptions opts, TextWriter output)
    {
        int withReply = corpus.Unlabelled.Count(m => m.Reply is not null);
        int department = corpus.Unlabelled.Count(m => ReplyDepartments.CategoryOf(m.Reply) is not null);
        var labels = corpus.Unlabelled.Select(m => CategoryTraining.PseudoLabel(corpus, m, opts)).ToList();
        output.WriteLine($"unlabelled={corpus.Unlabelled.Count} with reply={withReply} reply department found={department} pseudo-labelled={labels.Count(l => l is not null)}");
        output.WriteLine("pseudo-label counts: " + string.Join(", ", labels.OfType<string>().GroupBy(l => l).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        var cue = new Metrics();
        int abstained = 0;
        foreach (var m in corpus.Labelled)
        {
            var label = CategorySeeds.PseudoLabel(corpus.Lexicon, m.Subject, m.Detail, null);
            if (label is null) abstained++;
            else cue.Add(m.Label!, label);
        }
        output.WriteLine($"cue vote on labelled messages: abstained {abstained}/{corpus.Labelled.Count}, where it votes: {cue.Report()}");
    }
}
