using System.Globalization;

namespace CityMatrix.Nlp.Keywords;

/// <summary>
/// Inverse document frequencies from jieba's idf.txt ("word idf" lines). Words not in the table get the
/// median IDF — the lower median, as jieba-rs computes it.
/// </summary>
public sealed class IdfTable
{
    private readonly Dictionary<string, double> _idf;

    private IdfTable(Dictionary<string, double> idf, double median)
    {
        _idf = idf;
        Median = median;
    }

    private static readonly Lazy<IdfTable> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>jieba's embedded idf.txt, loaded once on first use.</summary>
    public static IdfTable Default => LazyDefault.Value;

    public double Median { get; }

    public int Count => _idf.Count;

    public double this[string word] => _idf.TryGetValue(word, out var idf) ? idf : Median;

    private const int CacheSize = 4096; // power of two

    [ThreadStatic] private static IdfTable?[]? _cacheTables;
    [ThreadStatic] private static string?[]? _cacheWords;
    [ThreadStatic] private static double[]? _cacheValues;

    /// <summary>
    /// <c>this[word]</c> through a small per-thread cache: the table has 300k entries, so most lookups miss the CPU
    /// cache, while a post's words are mostly frequent ones. A slot holds the table and the word itself, so a hit
    /// is exact whichever tables share the thread.
    /// </summary>
    internal double Cached(string word)
    {
        var tables = _cacheTables ??= new IdfTable?[CacheSize];
        var words = _cacheWords ??= new string?[CacheSize];
        var values = _cacheValues ??= new double[CacheSize];
        int slot = word.GetHashCode() & (CacheSize - 1);
        var cached = words[slot];
        if (ReferenceEquals(tables[slot], this) && cached is not null
            && (ReferenceEquals(cached, word) || string.Equals(cached, word, StringComparison.Ordinal)))
            return values[slot];
        double value = this[word];
        tables[slot] = this;
        words[slot] = word;
        values[slot] = value;
        return value;
    }

    public static IdfTable LoadEmbedded()
    {
        using var reader = NlpData.OpenText(NlpData.JiebaIdf);
        return Load(reader);
    }

    /// <summary>Reads "word idf" lines; lines without a parseable IDF are skipped, as jieba does.</summary>
    public static IdfTable Load(TextReader reader)
    {
        var idf = new Dictionary<string, double>(300_000, StringComparer.Ordinal);
        var values = new List<double>(300_000);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var span = line.AsSpan().Trim();
            var space = span.IndexOfAny(' ', '\t');
            if (space <= 0) continue;
            if (!double.TryParse(span[(space + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            idf[span[..space].ToString()] = value;
            values.Add(value);
        }
        values.Sort();
        var median = values.Count == 0 ? 0.0 : values[(values.Count - 1) / 2];
        return new IdfTable(idf, median);
    }
}
