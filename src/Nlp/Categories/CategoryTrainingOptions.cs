namespace CityMatrix.Nlp.Categories;

public sealed record CategoryTrainingOptions
{
    public string DataDirectory { get; init; } = "/work/shared/data";
    public string LabelledPath => Path.Combine(DataDirectory, "govmsg", "labeled_messages.csv");
    public string TaxonomyPath => Path.Combine(DataDirectory, "govmsg", "taxonomy.csv");
    public IEnumerable<string> UnlabelledPaths =>
        [Path.Combine(DataDirectory, "govmsg", "unlabeled_messages.csv"), Path.Combine(DataDirectory, "govmsg", "messages_with_replies.csv")];

    public int HashBits { get; init; } = 18;
    public int Epochs { get; init; } = 10;
    public float LearningRate { get; init; } = 0.2f;
    /// <summary>Seed of the trainer's example order (the shipped model uses the trainer default, 17).</summary>
    public int Seed { get; init; } = 17;
    /// <summary>Weight of keyword/department-seeded pseudo-labels.</summary>
    public float SeedWeight { get; init; } = 1f;
    /// <summary>Self-training: weight of confident model predictions on unlabelled messages (0 = off).</summary>
    public float SelfTrainWeight { get; init; } = 0f;
    public float SelfTrainThreshold { get; init; } = 0.7f;
    /// <summary>Weight of the hand-written short posts (Weibo style) that carry category labels.</summary>
    public float ShortPostWeight { get; init; } = 1f;
    public int Folds { get; init; } = 5;
    /// <summary>Word tokens from the jieba segmenter next to the character n-grams.</summary>
    public bool WordTokens { get; init; }
    /// <summary>TF-IDF weighting of the word tokens (jieba's IDF table).</summary>
    public bool WordIdf { get; init; }
    public float WordScale { get; init; } = 1f;
    /// <summary>Character n-grams up to this length (1–2 so far).</summary>
    public int NGramMax { get; init; } = 2;
    /// <summary>Pseudo-label messages with an official reply by the department the reply names (ReplyDepartments).</summary>
    public bool ReplyDepartments { get; init; }
    /// <summary>Drop unlabelled messages whose subject or detail equals a labelled one (they would leak evaluation texts).</summary>
    public bool DropLabelledDuplicates { get; init; }
    /// <summary>Self-training rounds (each re-labels the unlabelled messages with the previous round's model).</summary>
    public int SelfTrainRounds { get; init; } = 1;
    /// <summary>
    /// In self-training, keep the cue/department pseudo-label where the model is below the threshold
    /// (true) or use only the model's confident predictions (false, the original behaviour).
    /// </summary>
    public bool SelfTrainKeepSeeds { get; init; }
    /// <summary>Weight of the hand-labelled unlabelled messages (gold, like the labelled ones: 1).</summary>
    public float HandLabelWeight { get; init; } = 1f;
    /// <summary>Also drop unlabelled messages that are near-copies of a labelled one (<see cref="NearCopies"/>), not only exact repeats.</summary>
    public bool DropLabelledNearCopies { get; init; }
    /// <summary>Averaged SGD from this epoch on (TrainerOptions.AverageFromEpoch; 0 = off).</summary>
    public int AverageFromEpoch { get; init; }
    /// <summary>Train this many models with trainer seeds Seed, Seed+1, … on the same data and average their weights (1 = one model).</summary>
    public int EnsembleSeeds { get; init; } = 1;
    /// <summary>Character n-grams weighted by an IDF over the govmsg training texts (pool + hand-labelled; never the 345), stored in the model.</summary>
    public bool NGramCorpusIdf { get; init; }
    /// <summary>Word tokens weighted by that corpus IDF instead of jieba's (with <see cref="WordIdf"/>).</summary>
    public bool WordCorpusIdf { get; init; }
    /// <summary>Lead (subject) n-grams as their own block (FeatureOptions.LeadChars; 0 = off) and its scale.</summary>
    public int LeadChars { get; init; }
    public float LeadScale { get; init; } = 1f;
    public int LeadMinTextChars { get; init; }
    public int LeadNGramMax { get; init; }
    /// <summary>Weight of the taxonomy's level-2/3 names of the seven categories as training examples (0 = off).</summary>
    public float TaxonomyExampleWeight { get; init; }
    /// <summary>Evaluation only: a clear cue vote (subject + detail) overrides the model (rule/model ensemble).</summary>
    public bool RuleVote { get; init; }
}
