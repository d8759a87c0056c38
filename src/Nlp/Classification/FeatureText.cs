namespace CityMatrix.Nlp.Classification;

/// <summary>
/// One text as the feature extractors see it, with the work they would otherwise repeat per model:
/// the normalised form, the distinct hashed character n-grams per (range, hash size), and the lexicon
/// matches per lexicon. Models that agree on those inputs share them; each model's vector stays exactly
/// what <see cref="FeatureExtractor.Extract(string)"/> computes alone. Not thread-safe: one per analysis.
/// </summary>
internal sealed class FeatureText
{
    private const uint NGramSeed = 2166136261;

    private readonly List<GramBlock> _grams = new(2);
    private (ITokenizer Tokenizer, List<string> Tokens)? _words;
    private readonly List<(PhraseLexicon Lexicon, List<(int Start, int Length, string Class)> Matches)> _matches = new(4);

    public FeatureText(string text)
    {
        Text = text;
        Normalized = TextNormalizer.Normalize(text);
    }

    public string Text { get; }
    public string Normalized { get; }

    /// <summary>Longest-first matches of <paramref name="lexicon"/> over the normalised text, computed once per lexicon.</summary>
    public List<(int Start, int Length, string Class)> Matches(PhraseLexicon lexicon)
    {
        foreach (var (l, m) in _matches) if (ReferenceEquals(l, lexicon)) return m;
        var found = new List<(int, int, string)>();
        lexicon.MatchInto(Normalized, found);
        _matches.Add((lexicon, found));
        return found;
    }

    /// <summary>
    /// The tokenizer's tokens of the normalised text, gathered before any extractor touches its per-thread buffers,
    /// so a tokenizer that itself extracts features (on this thread) cannot clobber them.
    /// </summary>
    public List<string> WordTokens(ITokenizer tokenizer)
    {
        if (_words is { } cached && ReferenceEquals(cached.Tokenizer, tokenizer)) return cached.Tokens;
        var tokens = new List<string>(Normalized.Length / 2 + 4);
        foreach (var w in tokenizer.Tokenize(Normalized)) tokens.Add(w);
        _words = (tokenizer, tokens);
        return tokens;
    }

    /// <summary>
    /// The distinct masked n-gram hashes of the padded text in first-occurrence order, n ascending: the
    /// character block of the vector. The block for n in 1..2 is a prefix of the one for 1..3, so it is shared.
    /// </summary>
    public ReadOnlySpan<int> Grams(int min, int max, int mask)
    {
        foreach (var b in _grams)
            if (b.Mask == mask && b.Min == min && b.Max >= max) return b.Hashes.AsSpan(0, b.EndAfter[max]);
        var block = ComputeGrams(min, max, mask);
        _grams.Add(block);
        return block.Hashes.AsSpan(0, block.EndAfter[max]);
    }

    private GramBlock ComputeGrams(int min, int max, int mask)
    {
        var set = GramSet;
        set.Clear();
        var norm = Normalized.AsSpan();
        int paddedLength = norm.Length + 2;
        var endAfter = new int[max + 1];
        for (int n = min; n <= max; n++)
        {
            for (int i = 0; i + n <= paddedLength; i++)
            {
                if (n == 1 && (i == 0 || i == paddedLength - 1)) continue;
                // FNV over the padded window ("\u0002" + norm + "\u0003") without building the padded string.
                uint h = NGramSeed + (uint)n;
                for (int k = i; k < i + n; k++)
                {
                    char c = k == 0 ? '\u0002' : k == paddedLength - 1 ? '\u0003' : norm[k - 1];
                    h ^= c; h *= 16777619;
                }
                h ^= h >> 15; h *= 0x2C1B3C6D; h ^= h >> 12;
                set.TryAdd((int)(h & (uint)mask), out _);
            }
            endAfter[n] = set.Count;
        }
        return new GramBlock(min, max, mask, set.Keys.ToArray(), endAfter);
    }

    [ThreadStatic] private static OrderedFeatureMap? _gramSet;

    private static OrderedFeatureMap GramSet => _gramSet ??= new OrderedFeatureMap();

    private sealed record GramBlock(int Min, int Max, int Mask, int[] Hashes, int[] EndAfter);
}
