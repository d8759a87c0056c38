namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Turns text into a hashed sparse vector: character n-grams (binary, scaled to unit length),
/// lexicon/cue classes (log counts, with negation and degree context for polarity words),
/// optional word tokens, and a length bucket. Stateless apart from immutable inputs: thread-safe.
/// </summary>
public sealed class FeatureExtractor
{
    public const string PositiveClass = "pos";
    public const string NegativeClass = "neg";
    public const string NegationClass = "negation";
    public const string DegreeClass = "degree";

    private const uint NGramSeed = 2166136261;
    private const uint NamedSeed = 0x9E3779B9;
    private const uint WordSeed = 0x85EBCA6B;

    private readonly ITokenizer? _words;
    private readonly int _mask;

    public FeatureExtractor(FeatureOptions options, PhraseLexicon lexicon, ITokenizer? wordTokenizer = null)
    {
        if (options.HashBits is < 8 or > 26) throw new ArgumentOutOfRangeException(nameof(options), "HashBits must be 8..26");
        if (options.NGramMin < 1 || options.NGramMax < options.NGramMin || options.NGramMax > 6)
            throw new ArgumentOutOfRangeException(nameof(options), "n-gram range must be within 1..6");
        if (options.UseWordTokens && wordTokenizer is null)
            throw new ArgumentException("this model was trained with word tokens: pass the tokenizer", nameof(wordTokenizer));
        Options = options;
        Lexicon = lexicon;
        _words = options.UseWordTokens ? wordTokenizer : null;
        _mask = options.Dimension - 1;
    }

    public FeatureOptions Options { get; }
    public PhraseLexicon Lexicon { get; }

    public SparseVector Extract(string text)
    {
        string norm = TextNormalizer.Normalize(text);
        var acc = new Dictionary<int, float>(norm.Length * 3 + 16);

        // Character n-grams over the text with boundary marks; binary presence.
        string padded = "\u0002" + norm + "\u0003";
        var grams = new HashSet<int>(norm.Length * 3 + 4);
        for (int n = Options.NGramMin; n <= Options.NGramMax; n++)
        {
            for (int i = 0; i + n <= padded.Length; i++)
            {
                if (n == 1 && (i == 0 || i == padded.Length - 1)) continue;
                int h = Hash(padded.AsSpan(i, n), NGramSeed + (uint)n);
                grams.Add(h);
            }
        }
        float ngramScale = grams.Count == 0 ? 0f : 1f / MathF.Sqrt(grams.Count);
        foreach (var h in grams) acc[h] = ngramScale;

        AddLexicon(norm, acc);
        AddEmoticons(norm, acc);

        if (_words is not null) AddWords(norm, acc);

        int len = norm.Length;
        string bucket = len < 10 ? "len<10" : len < 30 ? "len<30" : len < 80 ? "len<80" : len < 200 ? "len<200" : "len>=200";
        Add(acc, bucket, 0.5f);
        Add(acc, "bias", 0.5f);

        var idx = new int[acc.Count];
        var val = new float[acc.Count];
        int k = 0;
        foreach (var (key, v) in acc) { idx[k] = key; val[k] = v; k++; }
        return new SparseVector(idx, val);
    }

    /// <summary>
    /// Word unigrams (and bigrams), binary or TF-IDF weighted, scaled to unit length times WordScale.
    /// A bigram's IDF is the smaller of its two words' IDFs.
    /// </summary>
    private void AddWords(string norm, Dictionary<int, float> acc)
    {
        var tf = new Dictionary<int, (int Count, float Idf)>();
        string? prev = null;
        float prevIdf = 0f;
        var idf = Options.WordIdf ? Keywords.IdfTable.Default : null;
        foreach (var w in _words!.Tokenize(norm))
        {
            if (string.IsNullOrWhiteSpace(w)) continue;
            float wIdf = idf is null ? 1f : (float)idf[w];
            Count(tf, Hash(w.AsSpan(), WordSeed), wIdf);
            if (Options.WordBigrams && prev is not null) Count(tf, Hash((prev + "\u0001" + w).AsSpan(), WordSeed + 1), MathF.Min(prevIdf, wIdf));
            prev = w;
            prevIdf = wIdf;
        }
        if (tf.Count == 0) return;
        double norm2 = 0;
        var weights = new List<(int Hash, float Weight)>(tf.Count);
        foreach (var (h, (count, wIdf)) in tf)
        {
            float v = Options.WordIdf ? (1f + MathF.Log(count)) * wIdf : 1f;
            weights.Add((h, v));
            norm2 += v * v;
        }
        float scale = Options.WordScale / (float)Math.Sqrt(norm2);
        foreach (var (h, v) in weights) acc[h] = acc.TryGetValue(h, out var old) ? old + v * scale : v * scale;

        static void Count(Dictionary<int, (int, float)> tf, int h, float idf) =>
            tf[h] = tf.TryGetValue(h, out var c) ? (c.Item1 + 1, idf) : (1, idf);
    }

    private void AddLexicon(string norm, Dictionary<int, float> acc)
    {
        if (Lexicon.Count == 0) return;
        var matches = Lexicon.Match(norm);
        var counts = new Dictionary<string, int>();
        int lastNegationEnd = -100, lastDegreeEnd = -100;
        string? lastPolarity = null;
        foreach (var (start, length, cls) in matches)
        {
            if (cls == NegationClass) { lastNegationEnd = start + length; continue; }
            if (cls == DegreeClass) { lastDegreeEnd = start + length; continue; }
            string name = cls;
            if (Options.PolarityContext && (cls == PositiveClass || cls == NegativeClass))
            {
                // A negation word just before a polarity word flips it ("不满意"); a degree adverb
                // strengthens it ("非常好"). Window of 3 characters, as in most Chinese lexicon methods.
                bool negated = start - lastNegationEnd is >= 0 and <= 3;
                bool stressed = start - lastDegreeEnd is >= 0 and <= 3;
                if (negated) name = cls == PositiveClass ? "pos~not" : "neg~not";
                else if (stressed) Bump(counts, cls + "~deg");
                lastPolarity = name;
            }
            Bump(counts, name);
        }
        foreach (var (name, c) in counts)
        {
            Add(acc, "L:" + name, MathF.Log(1 + c));
            Add(acc, "L:" + name + (c == 1 ? "=1" : c == 2 ? "=2" : ">2"), 0.5f);
        }
        if (lastPolarity is not null) Add(acc, "Llast:" + lastPolarity, 0.5f);
        if (counts.TryGetValue(PositiveClass, out int p) | counts.TryGetValue(NegativeClass, out int q))
            Add(acc, p > q ? "L:pos>neg" : q > p ? "L:neg>pos" : "L:pos=neg", 0.5f);
    }

    /// <summary>Weibo emoticons such as "[允悲]" or "[二哈]" as whole tokens: strong polarity cues.</summary>
    private void AddEmoticons(string norm, Dictionary<int, float> acc)
    {
        int open = -1;
        for (int i = 0; i < norm.Length; i++)
        {
            if (norm[i] == '[') open = i;
            else if (norm[i] == ']' && open >= 0)
            {
                int len = i - open - 1;
                if (len is >= 1 and <= 8) Add(acc, "E:" + norm.Substring(open + 1, len), 0.5f);
                open = -1;
            }
        }
    }

    private void Add(Dictionary<int, float> acc, string name, float value)
    {
        int h = Hash(name.AsSpan(), NamedSeed);
        acc[h] = acc.TryGetValue(h, out var old) ? old + value : value;
    }

    private static void Bump(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;

    private int Hash(ReadOnlySpan<char> s, uint seed)
    {
        uint h = seed;
        foreach (char c in s) { h ^= c; h *= 16777619; }
        h ^= h >> 15; h *= 0x2C1B3C6D; h ^= h >> 12;
        return (int)(h & (uint)_mask);
    }
}
