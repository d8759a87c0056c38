using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Classification;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Keywords;
using CityMatrix.Nlp.Places;
using CityMatrix.Nlp.Segmentation;
using CityMatrix.Nlp.Sentiment;

namespace CityMatrix.Nlp.Tests.Reference;

/// <summary>
/// A frozen copy of the per-post NLP path as it was before PostNlp (FeatureExtractor.Extract, PhraseLexicon.Match,
/// CategoryClassifier.DetectTopic and the calls NlpPostAnalyzer made), written against public APIs only.
/// It is the oracle that proves the fast path bit-identical, and the "old" side of the post-analysis bench
/// (bench/Nlp.Bench links this file), so it must not be optimised. It reads the shipped model files itself and
/// scores with the original class-major weight layout, so it shares no code with the path under test but the
/// normaliser, the segmenter, the IDF table and the place extractor.
/// </summary>
public static class OriginalPostNlp
{
    public sealed record Result(
        Polarity Polarity, float PolarityScore, float Anger, bool IsComplaint, float ComplaintScore,
        string Category, string? Topic, float CategoryScore, IReadOnlyList<string> Places, IReadOnlyList<string> Keywords, string Tokens);

    private static readonly PhraseLexicon TopicLexicon = new(
        CategoryVocabulary.Topics.SelectMany(t => t.Value.Keywords.Select(k => new KeyValuePair<string, string>(k, t.Key))));

    public static Result Analyze(string text, int keywordCount = 8)
    {
        float pos = PolarityModel.Probabilities(text)[PolarityModel.IndexOf(SentimentDatasets.Positive)];
        float anger = EmotionModel.Probabilities(text)[EmotionModel.IndexOf("angry")];

        bool isComplaint = false;
        float complaintScore = 0f;
        if (!string.IsNullOrWhiteSpace(text))
        {
            complaintScore = ComplaintModel.Probabilities(text)[ComplaintModel.IndexOf(ComplaintPostGenerator.Complaint)];
            isComplaint = complaintScore >= 0.5f;
        }

        var (category, topic, categoryScore) = Classify(text);
        var places = PlaceExtractor.Yinchuan.FindCodes(text).Where(code => code.Length > 0).ToList();
        var keywords = ExtractKeywords(text, keywordCount).Select(k => k.Word).ToList();
        var tokens = string.Join(' ', JiebaSegmenter.Default.CutSocial(text).Where(t => !string.IsNullOrWhiteSpace(t)));
        return new Result(pos >= 0.5f ? Polarity.Positive : Polarity.Negative, pos, anger, isComplaint, complaintScore,
            category, topic, categoryScore, places, keywords, tokens);
    }

    private static readonly IdfTable KeywordIdf = IdfTable.LoadEmbedded();
    private static readonly HashSet<string> StopWords = new(KeywordExtractor.LoadEmbeddedStopWords(), StringComparer.Ordinal);

    /// <summary>KeywordExtractor.Default.Extract as it was (jieba's extract_tags, text-order ties).</summary>
    public static IReadOnlyList<Keyword> ExtractKeywords(string text, int topK)
    {
        if (topK == 0 || text.Length == 0) return [];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var token in JiebaSegmenter.Default.Cut(text, true))
        {
            var word = token.Trim();
            if (word.EnumerateRunes().Count() < 2 || StopWords.Contains(word.ToLowerInvariant())) continue;
            counts[word] = counts.GetValueOrDefault(word) + 1;
            total++;
        }
        var keywords = counts.Select((kv, order) => (Keyword: new Keyword(kv.Key, kv.Value * KeywordIdf[kv.Key] / total), Order: order)).ToList();
        keywords.Sort((a, b) =>
        {
            var byWeight = b.Keyword.Weight.CompareTo(a.Keyword.Weight);
            return byWeight != 0 ? byWeight : a.Order.CompareTo(b.Order);
        });
        var ranked = keywords.Select(k => k.Keyword).ToList();
        return ranked.Count > topK ? ranked.GetRange(0, topK) : ranked;
    }

    public static OriginalModel PolarityModel { get; } = OriginalModel.LoadEmbedded(SentimentAnalyzer.PolarityModelFile, null);
    public static OriginalModel EmotionModel { get; } = OriginalModel.LoadEmbedded(SentimentAnalyzer.EmotionModelFile, null);
    public static OriginalModel ComplaintModel { get; } = OriginalModel.LoadEmbedded(ComplaintDetector.ModelFileName, null);
    public static OriginalModel CategoryModel { get; } = OriginalModel.LoadEmbedded(CategoryClassifier.ModelFileName, JiebaWordTokenizer.Default);

    /// <summary>A shipped model as the original code held it: class-major weights, the lexicon as a dictionary.</summary>
    public sealed class OriginalModel
    {
        private sealed record Header(string[] Labels, FeatureOptions Features, Dictionary<string, string> Lexicon, Dictionary<string, string> Metadata);

        public required string[] Labels { get; init; }
        public required FeatureOptions Options { get; init; }
        public required PhraseLexicon Lexicon { get; init; }
        public required ITokenizer? Words { get; init; }
        public required float[] Weights { get; init; }
        public required float[] Bias { get; init; }
        /// <summary>The corpus IDF per hash bucket that models since nlpcat4 append to the file (else null).</summary>
        public float[]? Idf { get; init; }

        public int IndexOf(string label) => Array.IndexOf(Labels, label);

        public static OriginalModel LoadEmbedded(string fileName, ITokenizer? words)
        {
            using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream("CityMatrix.Nlp.Models." + fileName)!;
            stream.ReadExactly(new byte[8]);
            using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
            using var r = new BinaryReader(brotli, Encoding.UTF8);
            var header = JsonSerializer.Deserialize<Header>(r.ReadBytes(r.ReadInt32()))!;
            int k = header.Labels.Length, dim = header.Features.Dimension;
            var bias = new float[k];
            for (int i = 0; i < k; i++) bias[i] = r.ReadSingle();
            var bytes = new byte[k * dim * 2];
            brotli.ReadExactly(bytes);
            var weights = new float[k * dim];
            for (int i = 0; i < weights.Length; i++) weights[i] = (float)BitConverter.ToHalf(bytes, i * 2);
            float[]? idf = null;
            if (header.Features.NGramCorpusIdf || header.Features.WordCorpusIdf)
            {
                var idfBytes = new byte[dim * 2];
                brotli.ReadExactly(idfBytes);
                idf = new float[dim];
                for (int i = 0; i < dim; i++) idf[i] = (float)BitConverter.ToHalf(idfBytes, i * 2);
            }
            return new OriginalModel
            {
                Labels = header.Labels, Options = header.Features, Lexicon = new PhraseLexicon(header.Lexicon), Words = words,
                Weights = weights, Bias = bias, Idf = idf,
            };
        }

        public SparseVector Extract(string text) => OriginalPostNlp.Extract(Options, Lexicon, Words, text, Idf);

        public float[] Probabilities(string text)
        {
            var x = Extract(text ?? string.Empty);
            var s = new float[Labels.Length];
            int dimension = Options.Dimension;
            for (int k = 0; k < s.Length; k++)
            {
                float sum = Bias[k];
                int offset = k * dimension;
                for (int j = 0; j < x.Indices.Length; j++) sum += Weights[offset + x.Indices[j]] * x.Values[j];
                s[k] = sum;
            }
            float max = s.Max();
            var p = new float[s.Length];
            float z = 0;
            for (int i = 0; i < p.Length; i++) { p[i] = MathF.Exp(s[i] - max); z += p[i]; }
            for (int i = 0; i < p.Length; i++) p[i] /= z;
            return p;
        }
    }

    private static (string Category, string? Topic, float Score) Classify(string text)
    {
        var model = CategoryModel;
        if (string.IsNullOrWhiteSpace(text)) return (CategoryVocabulary.Other, null, 0f);
        var p = model.Probabilities(text);
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        string category = model.Labels[best];
        float score = p[best];
        string? topic = DetectTopic(text);
        if (topic is not null)
        {
            string topicCategory = CategoryVocabulary.CategoryOfTopic(topic);
            if (topicCategory != category)
            {
                int ti = model.Labels.ToList().IndexOf(topicCategory);
                if (score < 0.5f && ti >= 0) { category = topicCategory; score = p[ti]; }
                else topic = null;
            }
        }
        return (category, topic, score);
    }

    public static string? DetectTopic(string text)
    {
        var counts = new Dictionary<string, int>();
        var first = new Dictionary<string, int>();
        foreach (var (start, _, topic) in Match(TopicLexicon, TextNormalizer.Normalize(text)))
        {
            counts[topic] = counts.GetValueOrDefault(topic) + 1;
            first.TryAdd(topic, start);
        }
        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => first[c.Key]).First().Key;
    }

    // The original kept these in the lexicon; caching them per lexicon keeps the "old" timing honest.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PhraseLexicon, LexiconIndex> Indexes = new();

    private sealed class LexiconIndex(PhraseLexicon lexicon)
    {
        public readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
            new Dictionary<string, string>(lexicon.Entries, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        public readonly int MaxLength = lexicon.Count == 0 ? 0 : lexicon.Entries.Keys.Max(k => k.Length);
    }

    public static List<(int Start, int Length, string Class)> Match(PhraseLexicon lexicon, string text)
    {
        var index = Indexes.GetValue(lexicon, l => new LexiconIndex(l));
        var found = new List<(int, int, string)>();
        if (index.MaxLength == 0) return found;
        var span = text.AsSpan();
        int i = 0;
        while (i < span.Length)
        {
            int max = Math.Min(index.MaxLength, span.Length - i);
            int matched = 0;
            for (int len = max; len >= 1; len--)
            {
                if (index.Lookup.TryGetValue(span.Slice(i, len), out var cls))
                {
                    found.Add((i, len, cls));
                    matched = len;
                    break;
                }
            }
            i += matched > 0 ? matched : 1;
        }
        return found;
    }

    private const uint NGramSeed = 2166136261;
    private const uint NamedSeed = 0x9E3779B9;
    private const uint WordSeed = 0x85EBCA6B;
    private const uint LeadSeed = 0xC2B2AE35;

    /// <param name="idf">The model's corpus IDF per bucket, for options with NGramCorpusIdf / WordCorpusIdf (nlpcat4).</param>
    public static SparseVector Extract(FeatureOptions options, PhraseLexicon lexicon, ITokenizer? words, string text, float[]? idf = null)
    {
        int mask = options.Dimension - 1;
        string norm = TextNormalizer.Normalize(text);
        var acc = new Dictionary<int, float>(norm.Length * 3 + 16);

        string padded = "\u0002" + norm + "\u0003";
        var grams = new HashSet<int>(norm.Length * 3 + 4);
        for (int n = options.NGramMin; n <= options.NGramMax; n++)
        {
            for (int i = 0; i + n <= padded.Length; i++)
            {
                if (n == 1 && (i == 0 || i == padded.Length - 1)) continue;
                int h = Hash(padded.AsSpan(i, n), NGramSeed + (uint)n, mask);
                grams.Add(h);
            }
        }
        if (options.NGramCorpusIdf)
        {
            // Corpus IDF per bucket, then unit length (nlpcat4).
            double norm2 = 0;
            foreach (var h in grams) norm2 += idf![h] * idf[h];
            float scale = norm2 == 0 ? 0f : 1f / (float)Math.Sqrt(norm2);
            foreach (var h in grams) acc[h] = idf![h] * scale;
        }
        else
        {
            float ngramScale = grams.Count == 0 ? 0f : 1f / MathF.Sqrt(grams.Count);
            foreach (var h in grams) acc[h] = ngramScale;
        }

        AddLexicon(options, lexicon, norm, acc, mask);
        AddEmoticons(norm, acc, mask);
        if (options.UseWordTokens) AddWords(options, words!, norm, acc, mask, options.WordCorpusIdf ? idf : null);
        if (options.LeadChars > 0 && norm.Length >= options.LeadMinTextChars) AddLead(options, norm, acc, mask);

        int len = norm.Length;
        string bucket = len < 10 ? "len<10" : len < 30 ? "len<30" : len < 80 ? "len<80" : len < 200 ? "len<200" : "len>=200";
        Add(acc, bucket, 0.5f, mask);
        Add(acc, "bias", 0.5f, mask);

        var idx = new int[acc.Count];
        var val = new float[acc.Count];
        int k = 0;
        foreach (var (key, v) in acc) { idx[k] = key; val[k] = v; k++; }
        return new SparseVector(idx, val);
    }

    /// <summary>The lead (nlpcat4): binary n-grams of the text up to its first sentence end, own seed, unit length × LeadScale.</summary>
    private static void AddLead(FeatureOptions options, string norm, Dictionary<int, float> acc, int mask)
    {
        int end = Math.Min(norm.Length, options.LeadChars);
        foreach (char stop in "。！？!?；")
        {
            int at = norm.IndexOf(stop, 0, end);
            if (at >= 0) end = at;
        }
        var lead = norm[..end];
        int maxN = options.LeadNGramMax > 0 ? options.LeadNGramMax : options.NGramMax;
        var hashes = new List<int>();
        for (int n = options.NGramMin; n <= maxN; n++)
            for (int i = 0; i + n <= lead.Length; i++)
            {
                int h = Hash(lead.AsSpan(i, n), LeadSeed + (uint)n, mask);
                if (!hashes.Contains(h)) hashes.Add(h);
            }
        if (hashes.Count == 0) return;
        float scale = options.LeadScale / MathF.Sqrt(hashes.Count);
        foreach (var h in hashes) acc[h] = acc.TryGetValue(h, out var old) ? old + scale : scale;
    }

    private static void AddWords(FeatureOptions options, ITokenizer words, string norm, Dictionary<int, float> acc, int mask, float[]? corpusIdf)
    {
        var tf = new Dictionary<int, (int Count, float Idf)>();
        string? prev = null;
        float prevIdf = 0f;
        var idf = options.WordIdf ? IdfTable.Default : null;
        foreach (var w in words.Tokenize(norm))
        {
            if (string.IsNullOrWhiteSpace(w)) continue;
            int wh = Hash(w.AsSpan(), WordSeed, mask);
            float wIdf = corpusIdf is not null ? corpusIdf[wh] : idf is null ? 1f : (float)idf[w];
            Count(tf, wh, wIdf);
            if (options.WordBigrams && prev is not null)
            {
                int bh = Hash((prev + "\u0001" + w).AsSpan(), WordSeed + 1, mask);
                Count(tf, bh, corpusIdf is not null ? corpusIdf[bh] : MathF.Min(prevIdf, wIdf));
            }
            prev = w;
            prevIdf = wIdf;
        }
        if (tf.Count == 0) return;
        double norm2 = 0;
        var weights = new List<(int Hash, float Weight)>(tf.Count);
        foreach (var (h, (count, wIdf)) in tf)
        {
            float v = options.WordIdf ? (1f + MathF.Log(count)) * wIdf : 1f;
            weights.Add((h, v));
            norm2 += v * v;
        }
        float scale = options.WordScale / (float)Math.Sqrt(norm2);
        foreach (var (h, v) in weights) acc[h] = acc.TryGetValue(h, out var old) ? old + v * scale : v * scale;

        static void Count(Dictionary<int, (int, float)> tf, int h, float idf) =>
            tf[h] = tf.TryGetValue(h, out var c) ? (c.Item1 + 1, idf) : (1, idf);
    }

    private static void AddLexicon(FeatureOptions options, PhraseLexicon lexicon, string norm, Dictionary<int, float> acc, int mask)
    {
        if (lexicon.Count == 0) return;
        var matches = Match(lexicon, norm);
        var counts = new Dictionary<string, int>();
        int lastNegationEnd = -100, lastDegreeEnd = -100;
        string? lastPolarity = null;
        foreach (var (start, length, cls) in matches)
        {
            if (cls == FeatureExtractor.NegationClass) { lastNegationEnd = start + length; continue; }
            if (cls == FeatureExtractor.DegreeClass) { lastDegreeEnd = start + length; continue; }
            string name = cls;
            if (options.PolarityContext && (cls == FeatureExtractor.PositiveClass || cls == FeatureExtractor.NegativeClass))
            {
                bool negated = start - lastNegationEnd is >= 0 and <= 3;
                bool stressed = start - lastDegreeEnd is >= 0 and <= 3;
                if (negated) name = cls == FeatureExtractor.PositiveClass ? "pos~not" : "neg~not";
                else if (stressed) Bump(counts, cls + "~deg");
                lastPolarity = name;
            }
            Bump(counts, name);
        }
        foreach (var (name, c) in counts)
        {
            Add(acc, "L:" + name, MathF.Log(1 + c), mask);
            Add(acc, "L:" + name + (c == 1 ? "=1" : c == 2 ? "=2" : ">2"), 0.5f, mask);
        }
        if (lastPolarity is not null) Add(acc, "Llast:" + lastPolarity, 0.5f, mask);
        if (counts.TryGetValue(FeatureExtractor.PositiveClass, out int p) | counts.TryGetValue(FeatureExtractor.NegativeClass, out int q))
            Add(acc, p > q ? "L:pos>neg" : q > p ? "L:neg>pos" : "L:pos=neg", 0.5f, mask);
    }

    private static void AddEmoticons(string norm, Dictionary<int, float> acc, int mask)
    {
        int open = -1;
        for (int i = 0; i < norm.Length; i++)
        {
            if (norm[i] == '[') open = i;
            else if (norm[i] == ']' && open >= 0)
            {
                int len = i - open - 1;
                if (len is >= 1 and <= 8) Add(acc, "E:" + norm.Substring(open + 1, len), 0.5f, mask);
                open = -1;
            }
        }
    }

    private static void Add(Dictionary<int, float> acc, string name, float value, int mask)
    {
        int h = Hash(name.AsSpan(), NamedSeed, mask);
        acc[h] = acc.TryGetValue(h, out var old) ? old + value : value;
    }

    private static void Bump(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;

    private static int Hash(ReadOnlySpan<char> s, uint seed, int mask)
    {
        uint h = seed;
        foreach (char c in s) { h ^= c; h *= 16777619; }
        h ^= h >> 15; h *= 0x2C1B3C6D; h ^= h >> 12;
        return (int)(h & (uint)mask);
    }
}
