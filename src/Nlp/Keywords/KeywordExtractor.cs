using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Keywords;

/// <summary>
/// jieba's TF-IDF keyword extraction (extract_tags): segment, drop tokens shorter than two characters and
/// stop words (compared in lower case), weight each remaining word by count / total × IDF, and rank by
/// weight. Equal weights (common: every word missing from idf.txt gets the median IDF) keep text order
/// as Python jieba's stable sort does, or go by code point as jieba-rs does when
/// <c>codePointTies</c> is set. Thread-safe; build once and share.
/// </summary>
public sealed class KeywordExtractor
{
    private static readonly Lazy<KeywordExtractor> DefaultInstance = new(
        () => new KeywordExtractor(JiebaSegmenter.Default, IdfTable.Default, LoadEmbeddedStopWords()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JiebaSegmenter _segmenter;
    private readonly IdfTable _idf;
    private readonly HashSet<string> _stopWords;
    private readonly bool _hmm;
    private readonly bool _codePointTies;

    public KeywordExtractor(JiebaSegmenter segmenter, IdfTable idf, IEnumerable<string> stopWords, bool hmm = true, bool codePointTies = false)
    {
        _codePointTies = codePointTies;
        _segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        _idf = idf ?? throw new ArgumentNullException(nameof(idf));
        _stopWords = new HashSet<string>(stopWords, StringComparer.Ordinal);
        _hmm = hmm;
    }

    /// <summary>The default segmenter with the governance dictionary, jieba's idf.txt and stop_words.utf8.</summary>
    public static KeywordExtractor Default => DefaultInstance.Value;

    /// <summary>jieba's stop_words.utf8 (one per line).</summary>
    public static IReadOnlyList<string> LoadEmbeddedStopWords()
    {
        using var reader = NlpData.OpenText(NlpData.JiebaStopWords);
        var words = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var word = line.Trim();
            if (word.Length > 0) words.Add(word);
        }
        return words;
    }

    public IReadOnlyList<Keyword> Extract(string text, int topK = 20)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        if (topK == 0 || text.Length == 0) return [];
        return Rank(_segmenter.Cut(text, _hmm), topK);
    }

    /// <summary>
    /// <see cref="Extract"/> over tokens the caller already has: they must be <paramref name="segmenter"/>'s Cut of
    /// <paramref name="text"/> with hmm on. Null when this extractor segments otherwise (the caller then calls Extract).
    /// </summary>
    internal IReadOnlyList<Keyword>? ExtractFromCut(string text, IReadOnlyList<string> tokens, JiebaSegmenter segmenter, int topK)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        if (!ReferenceEquals(segmenter, _segmenter) || !_hmm) return null;
        if (topK == 0 || text.Length == 0) return [];
        return Rank(tokens, topK);
    }

    private List<Keyword> Rank(IReadOnlyList<string> tokens, int topK)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var token in tokens)
        {
            var word = token.Trim();
            if (CountScalars(word) < 2 || _stopWords.Contains(LowerInvariant(word))) continue;
            counts[word] = counts.GetValueOrDefault(word) + 1;
            total++;
        }
        // Dictionary enumeration follows insertion (first occurrence) order while nothing is removed.
        var keywords = new List<(Keyword Keyword, int Order)>(counts.Count);
        foreach (var (word, count) in counts) keywords.Add((new Keyword(word, count * _idf.Cached(word) / total), keywords.Count));
        keywords.Sort(_codePointTies ? ByWeightThenCodePoints : ByWeightThenOrder);
        var ranked = new List<Keyword>(Math.Min(topK, keywords.Count));
        for (int i = 0; i < keywords.Count && i < topK; i++) ranked.Add(keywords[i].Keyword);
        return ranked;
    }

    private static readonly Comparison<(Keyword Keyword, int Order)> ByWeightThenOrder = (a, b) =>
    {
        var byWeight = b.Keyword.Weight.CompareTo(a.Keyword.Weight);
        return byWeight != 0 ? byWeight : a.Order.CompareTo(b.Order);
    };

    private static readonly Comparison<(Keyword Keyword, int Order)> ByWeightThenCodePoints = (a, b) =>
    {
        var byWeight = b.Keyword.Weight.CompareTo(a.Keyword.Weight);
        return byWeight != 0 ? byWeight : CompareCodePoints(a.Keyword.Word, b.Keyword.Word);
    };

    /// <summary>
    /// <see cref="string.ToLowerInvariant()"/>, without a copy for words whose characters have no case: ASCII other than
    /// A–Z and U+2E80–U+A4CF (CJK, kana, Hangul jamo, Yi), which is most of a Chinese post.
    /// </summary>
    private static string LowerInvariant(string word)
    {
        foreach (char c in word)
            if (!((c < 0x80 && c is not (>= 'A' and <= 'Z')) || c is >= '\u2E80' and <= '\uA4CF')) return word.ToLowerInvariant();
        return word;
    }

    private static int CountScalars(string word)
    {
        var count = 0;
        foreach (var _ in word.EnumerateRunes()) count++;
        return count;
    }

    // Rust compares str by UTF-8 bytes, i.e. by code point; UTF-16 ordinal order differs above U+D7FF.
    private static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var hasA = ea.MoveNext();
            var hasB = eb.MoveNext();
            if (!hasA || !hasB) return hasA.CompareTo(hasB);
            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0) return c;
        }
    }
}
