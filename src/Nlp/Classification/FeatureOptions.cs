namespace CityMatrix.Nlp.Classification;

/// <summary>How text becomes features; stored in the model file so prediction matches training.</summary>
public sealed record FeatureOptions
{
    /// <summary>Feature space size is 2^HashBits (hashing trick, no vocabulary to ship).</summary>
    public int HashBits { get; init; } = 20;
    public int NGramMin { get; init; } = 1;
    public int NGramMax { get; init; } = 3;
    /// <summary>Whether the model was trained with word tokens from an <see cref="ITokenizer"/>.</summary>
    public bool UseWordTokens { get; init; }
    /// <summary>Word features weighted TF-IDF ((1 + ln tf) × jieba's IDF, unit length) instead of binary presence.</summary>
    public bool WordIdf { get; init; }
    /// <summary>Word bigrams next to single words.</summary>
    public bool WordBigrams { get; init; } = true;
    /// <summary>Length of the word block relative to the character n-gram block (both unit length before scaling).</summary>
    public float WordScale { get; init; } = 1f;
    /// <summary>Emit polarity-lexicon features with negation/degree context (sentiment).</summary>
    public bool PolarityContext { get; init; } = true;
    /// <summary>
    /// Character n-grams weighted by the corpus IDF of their hash bucket (then unit length) instead of binary presence.
    /// The table (<see cref="FeatureExtractor.BucketIdf"/>) is stored in the model file.
    /// </summary>
    public bool NGramCorpusIdf { get; init; }
    /// <summary>Word tokens weighted by the corpus IDF of their hash bucket instead of jieba's IDF table (with <see cref="WordIdf"/>).</summary>
    public bool WordCorpusIdf { get; init; }
    /// <summary>
    /// When above 0: the character n-grams of the lead (the text up to the first sentence end, at most this many characters;
    /// for a govmsg message its subject) once more as their own block, unit length times <see cref="LeadScale"/>. 0 = off.
    /// </summary>
    public int LeadChars { get; init; }
    public float LeadScale { get; init; } = 1f;
    /// <summary>Only texts of at least this many normalised characters get the lead block (letters, not short posts).</summary>
    public int LeadMinTextChars { get; init; }
    /// <summary>Longest n-gram of the lead block (0 = <see cref="NGramMax"/>).</summary>
    public int LeadNGramMax { get; init; }
    /// <summary>Whether the extractor needs a corpus IDF table.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NeedsCorpusIdf => NGramCorpusIdf || WordCorpusIdf;
    public int Dimension => 1 << HashBits;
}
