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

    private const uint NamedSeed = 0x9E3779B9;
    private const uint WordSeed = 0x85EBCA6B;
    private const uint LeadSeed = 0xC2B2AE35;

    private readonly ITokenizer? _words;
    private readonly int _mask;

    public FeatureExtractor(FeatureOptions options, PhraseLexicon lexicon, ITokenizer? wordTokenizer = null, float[]? bucketIdf = null)
    {
        if (options.HashBits is < 8 or > 26) throw new ArgumentOutOfRangeException(nameof(options), "HashBits must be 8..26");
        if (options.NGramMin < 1 || options.NGramMax < options.NGramMin || options.NGramMax > 6)
            throw new ArgumentOutOfRangeException(nameof(options), "n-gram range must be within 1..6");
        if (options.UseWordTokens && wordTokenizer is null)
            throw new ArgumentException("this model was trained with word tokens: pass the tokenizer", nameof(wordTokenizer));
        if (options.NeedsCorpusIdf && (bucketIdf is null || bucketIdf.Length != options.Dimension))
            throw new ArgumentException("these options weight features by a corpus IDF: pass one value per hash bucket", nameof(bucketIdf));
        Options = options;
        Lexicon = lexicon;
        BucketIdf = options.NeedsCorpusIdf ? bucketIdf : null;
        _words = options.UseWordTokens ? wordTokenizer : null;
        _mask = options.Dimension - 1;
    }

    public FeatureOptions Options { get; }
    public PhraseLexicon Lexicon { get; }
    /// <summary>Corpus IDF per hash bucket (<see cref="FeatureOptions.NGramCorpusIdf"/>, <see cref="FeatureOptions.WordCorpusIdf"/>), else null.</summary>
    public float[]? BucketIdf { get; }

    /// <summary>
    /// Smoothed IDF, ln((N + 1) / (df + 1)) + 1, of every hash bucket over <paramref name="texts"/>, where df counts the texts
    /// holding a character n-gram (of <paramref name="options"/>' range) or word/word bigram hashed to that bucket.
    /// </summary>
    public static float[] ComputeBucketIdf(IReadOnlyList<string> texts, FeatureOptions options, ITokenizer? wordTokenizer = null)
    {
        var plain = new FeatureExtractor(options with { NGramCorpusIdf = false, WordCorpusIdf = false }, PhraseLexicon.Empty, wordTokenizer);
        var df = new int[options.Dimension];
        var perText = new int[texts.Count][];
        Parallel.For(0, texts.Count, i => perText[i] = plain.TermBuckets(texts[i]));
        foreach (var buckets in perText)
            foreach (int h in buckets) df[h]++;
        var idf = new float[options.Dimension];
        double n = texts.Count;
        // Rounded to half precision as the model file stores it, so a loaded model scores exactly like the trained one.
        for (int h = 0; h < idf.Length; h++) idf[h] = (float)(Half)(Math.Log((n + 1) / (df[h] + 1)) + 1);
        return idf;
    }

    /// <summary>The distinct buckets of the character n-grams and words (and word bigrams) of <paramref name="text"/>.</summary>
    private int[] TermBuckets(string text)
    {
        var ft = new FeatureText(text);
        var set = new HashSet<int>();
        foreach (int h in ft.Grams(Options.NGramMin, Options.NGramMax, _mask)) set.Add(h);
        if (_words is not null)
        {
            string? prev = null;
            foreach (var w in ft.WordTokens(_words))
            {
                if (string.IsNullOrWhiteSpace(w)) continue;
                set.Add(Hash(w.AsSpan(), WordSeed));
                if (Options.WordBigrams && prev is not null) set.Add(Finish(Fnv(Fnv(Fnv(WordSeed + 1, prev), '\u0001'), w)));
                prev = w;
            }
        }
        return set.ToArray();
    }

    public SparseVector Extract(string text)
    {
        var acc = OrderedFeatureMap.ForThread;
        Extract(new FeatureText(text), acc);
        return new SparseVector(acc.Keys.ToArray(), acc.Values.ToArray());
    }

    /// <summary>
    /// The vector of <see cref="Extract(string)"/> into <paramref name="acc"/> (cleared first), in the same
    /// order and with bit-identical values, reusing what <paramref name="text"/> already holds from other models.
    /// </summary>
    internal void Extract(FeatureText text, OrderedFeatureMap acc)
    {
        // Tokenizer code runs first: nothing below calls out while the per-thread buffers hold this text's state.
        var words = _words is null ? null : text.WordTokens(_words);
        acc.Clear();
        string norm = text.Normalized;

        // Character n-grams over the text with boundary marks; binary presence.
        var grams = text.Grams(Options.NGramMin, Options.NGramMax, _mask);
        if (Options.NGramCorpusIdf)
        {
            var idf = BucketIdf!;
            double norm2 = 0;
            foreach (int h in grams) norm2 += idf[h] * idf[h];
            float scale = norm2 == 0 ? 0f : 1f / (float)Math.Sqrt(norm2);
            foreach (int h in grams) acc.AddNew(h, idf[h] * scale);
        }
        else
        {
            float ngramScale = grams.Length == 0 ? 0f : 1f / MathF.Sqrt(grams.Length);
            foreach (int h in grams) acc.AddNew(h, ngramScale);
        }

        AddLexicon(text, acc);
        AddEmoticons(norm, acc);

        if (words is not null) AddWords(words, acc);
        if (Options.LeadChars > 0 && norm.Length >= Options.LeadMinTextChars) AddLead(norm, acc);

        int len = norm.Length;
        string bucket = len < 10 ? "len<10" : len < 30 ? "len<30" : len < 80 ? "len<80" : len < 200 ? "len<200" : "len>=200";
        Add(acc, bucket, 0.5f);
        Add(acc, "bias", 0.5f);
    }

    /// <summary>
    /// Word unigrams (and bigrams), binary or TF-IDF weighted, scaled to unit length times WordScale.
    /// A bigram's IDF is the smaller of its two words' IDFs.
    /// </summary>
    private void AddWords(List<string> words, OrderedFeatureMap acc)
    {
        var tf = WordCounts;
        tf.Clear();
        var idfs = WordIdfs;
        string? prev = null;
        float prevIdf = 0f;
        var corpusIdf = Options.WordIdf && Options.WordCorpusIdf ? BucketIdf : null;
        var idf = Options.WordIdf && corpusIdf is null ? Keywords.IdfTable.Default : null;
        foreach (var w in words)
        {
            if (string.IsNullOrWhiteSpace(w)) continue;
            int wh = Hash(w.AsSpan(), WordSeed);
            float wIdf = corpusIdf is not null ? corpusIdf[wh] : idf is null ? 1f : (float)idf.Cached(w);
            Count(tf, ref idfs, wh, wIdf);
            if (Options.WordBigrams && prev is not null)
            {
                // The hash of prev + "\u0001" + w, without the concatenated string.
                int bh = Finish(Fnv(Fnv(Fnv(WordSeed + 1, prev), '\u0001'), w));
                // With the corpus table a bigram has its own IDF; with jieba's, the smaller of its words'.
                Count(tf, ref idfs, bh, corpusIdf is not null ? corpusIdf[bh] : MathF.Min(prevIdf, wIdf));
            }
            prev = w;
            prevIdf = wIdf;
        }
        WordIdfs = idfs;
        if (tf.Count == 0) return;
        // The weights replace the counts in place; the map keeps the first-occurrence order of the words.
        var weights = tf.MutableValues;
        double norm2 = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            float v = Options.WordIdf ? (1f + MathF.Log((int)weights[i])) * idfs[i] : 1f;
            weights[i] = v;
            norm2 += v * v;
        }
        float scale = Options.WordScale / (float)Math.Sqrt(norm2);
        var keys = tf.Keys;
        for (int i = 0; i < keys.Length; i++)
        {
            float v = weights[i];
            if (acc.TryAdd(keys[i], out int at)) acc.MutableValues[at] = v * scale;
            else acc.MutableValues[at] = acc.MutableValues[at] + v * scale;
        }

        // Counts are small integers, exact in a float; the IDF kept is the last occurrence's, as before.
        static void Count(OrderedFeatureMap tf, ref float[] idfs, int h, float idf)
        {
            tf.TryAdd(h, out int at);
            tf.MutableValues[at] += 1f;
            if (at >= idfs.Length) Array.Resize(ref idfs, Math.Max(at + 1, idfs.Length * 2));
            idfs[at] = idf;
        }
    }

    /// <summary>
    /// Binary character n-grams (NGramMin..NGramMax, own hash seed) of the lead: the normalised text up to its first sentence
    /// end ('。', '！', '？', '!', '?', '；'), at most <see cref="FeatureOptions.LeadChars"/> characters; unit length × LeadScale.
    /// </summary>
    private void AddLead(string norm, OrderedFeatureMap acc)
    {
        int end = Math.Min(norm.Length, Options.LeadChars);
        int stop = norm.AsSpan(0, end).IndexOfAny("。！？!?；");
        if (stop >= 0) end = stop;
        if (end == 0) return;
        var lead = norm.AsSpan(0, end);
        int maxN = Options.LeadNGramMax > 0 ? Options.LeadNGramMax : Options.NGramMax;
        Span<int> hashes = stackalloc int[end * Math.Max(1, maxN - Options.NGramMin + 1)];
        int count = 0;
        for (int n = Options.NGramMin; n <= maxN; n++)
            for (int i = 0; i + n <= lead.Length; i++)
            {
                int h = Finish(Fnv(LeadSeed + (uint)n, lead.Slice(i, n)));
                if (!hashes[..count].Contains(h)) hashes[count++] = h;
            }
        if (count == 0) return;
        float scale = Options.LeadScale / MathF.Sqrt(count);
        foreach (int h in hashes[..count]) acc.Add(h, scale);
    }

    [ThreadStatic] private static OrderedFeatureMap? _wordCounts;
    [ThreadStatic] private static float[]? _wordIdfs;

    private static OrderedFeatureMap WordCounts => _wordCounts ??= new OrderedFeatureMap();

    private static float[] WordIdfs
    {
        get => _wordIdfs ??= new float[64];
        set => _wordIdfs = value.Length > 1 << 16 ? null : value;
    }

    private void AddLexicon(FeatureText text, OrderedFeatureMap acc)
    {
        if (Lexicon.Count == 0) return;
        var matches = text.Matches(Lexicon);
        // Few distinct names per text: short arrays in first-bump order stand in for the Dictionary
        // whose enumeration order the features follow.
        var counts = NameCounts.ForThread;
        counts.Clear();
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
                else if (stressed) counts.Bump(cls == PositiveClass ? "pos~deg" : "neg~deg");
                lastPolarity = name;
            }
            counts.Bump(name);
        }
        for (int i = 0; i < counts.Length; i++)
        {
            string name = counts.Name(i);
            int c = counts.Count(i);
            acc.Add(Finish(Fnv(Fnv(NamedSeed, "L:"), name)), MathF.Log(1 + c));
            acc.Add(Finish(Fnv(Fnv(Fnv(NamedSeed, "L:"), name), c == 1 ? "=1" : c == 2 ? "=2" : ">2")), 0.5f);
        }
        if (lastPolarity is not null) acc.Add(Finish(Fnv(Fnv(NamedSeed, "Llast:"), lastPolarity)), 0.5f);
        int p = counts.Find(PositiveClass), q = counts.Find(NegativeClass);
        if (p >= 0 || q >= 0)
        {
            p = p >= 0 ? counts.Count(p) : 0;
            q = q >= 0 ? counts.Count(q) : 0;
            Add(acc, p > q ? "L:pos>neg" : q > p ? "L:neg>pos" : "L:pos=neg", 0.5f);
        }
    }

    /// <summary>Lexicon class names with their counts, in first-bump order. One per thread.</summary>
    private sealed class NameCounts
    {
        [ThreadStatic] private static NameCounts? _forThread;

        private string[] _names = new string[16];
        private int[] _counts = new int[16];

        public static NameCounts ForThread => _forThread ??= new NameCounts();

        public int Length { get; private set; }

        public string Name(int i) => _names[i];
        public int Count(int i) => _counts[i];

        public void Clear()
        {
            Array.Clear(_names, 0, Length);
            Length = 0;
        }

        public int Find(string name)
        {
            for (int i = 0; i < Length; i++) if (_names[i] == name) return i;
            return -1;
        }

        public void Bump(string name)
        {
            int i = Find(name);
            if (i >= 0) { _counts[i]++; return; }
            if (Length == _names.Length)
            {
                Array.Resize(ref _names, Length * 2);
                Array.Resize(ref _counts, Length * 2);
            }
            _names[Length] = name;
            _counts[Length] = 1;
            Length++;
        }
    }

    /// <summary>Weibo emoticons such as "[允悲]" or "[二哈]" as whole tokens: strong polarity cues.</summary>
    private void AddEmoticons(string norm, OrderedFeatureMap acc)
    {
        int open = -1;
        for (int i = 0; i < norm.Length; i++)
        {
            if (norm[i] == '[') open = i;
            else if (norm[i] == ']' && open >= 0)
            {
                int len = i - open - 1;
                if (len is >= 1 and <= 8) acc.Add(Finish(Fnv(Fnv(NamedSeed, "E:"), norm.AsSpan(open + 1, len))), 0.5f);
                open = -1;
            }
        }
    }

    private void Add(OrderedFeatureMap acc, string name, float value) => acc.Add(Hash(name.AsSpan(), NamedSeed), value);

    private int Hash(ReadOnlySpan<char> s, uint seed) => Finish(Fnv(seed, s));

    // FNV-1a is a running hash: feeding the parts of a name one after another hashes their concatenation.
    private static uint Fnv(uint h, ReadOnlySpan<char> s)
    {
        foreach (char c in s) { h ^= c; h *= 16777619; }
        return h;
    }

    private static uint Fnv(uint h, char c) => (h ^ c) * 16777619;

    private int Finish(uint h)
    {
        h ^= h >> 15; h *= 0x2C1B3C6D; h ^= h >> 12;
        return (int)(h & (uint)_mask);
    }
}
