namespace CityMatrix.Nlp.Classification;

/// <summary>
/// A set of phrases, each with a class name (e.g. "pos", "neg", "negation", "degree", "cue"),
/// matched greedily longest-first over the text. Immutable after construction, so thread-safe.
/// </summary>
public sealed class PhraseLexicon
{
    private readonly Dictionary<string, string> _classes;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxLength;

    public PhraseLexicon(IEnumerable<KeyValuePair<string, string>> phraseToClass)
    {
        _classes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (phrase, cls) in phraseToClass)
        {
            if (string.IsNullOrWhiteSpace(phrase)) continue;
            _classes[phrase] = cls;
        }
        _lookup = _classes.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLength = _classes.Count == 0 ? 0 : _classes.Keys.Max(k => k.Length);
    }

    public static PhraseLexicon Empty { get; } = new([]);

    public int Count => _classes.Count;

    public IReadOnlyDictionary<string, string> Entries => _classes;

    /// <summary>Longest-first, non-overlapping matches: (start, length, class).</summary>
    public List<(int Start, int Length, string Class)> Match(string text)
    {
        var found = new List<(int, int, string)>();
        if (_maxLength == 0) return found;
        var span = text.AsSpan();
        int i = 0;
        while (i < span.Length)
        {
            int max = Math.Min(_maxLength, span.Length - i);
            int matched = 0;
            for (int len = max; len >= 1; len--)
            {
                if (_lookup.TryGetValue(span.Slice(i, len), out var cls))
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
}
