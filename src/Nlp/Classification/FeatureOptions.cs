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
    public int Dimension => 1 << HashBits;
}
