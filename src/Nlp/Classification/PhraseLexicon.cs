namespace CityMatrix.Nlp.Classification;

/// <summary>
/// A set of phrases, each with a class name (e.g. "pos", "neg", "negation", "degree", "cue"),
/// matched greedily longest-first over the text. Immutable after construction, so thread-safe.
/// </summary>
public sealed class PhraseLexicon
{
    private readonly Dictionary<string, string> _classes;
    // A character trie as one flat map (node, char) → child: the longest phrase at a position costs one
    // lookup per matched character, instead of one string-hash lookup per candidate length.
    private readonly Dictionary<long, int> _edges = new();
    private readonly List<string?> _nodeClass = [null];

    public PhraseLexicon(IEnumerable<KeyValuePair<string, string>> phraseToClass)
    {
        _classes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (phrase, cls) in phraseToClass)
        {
            if (string.IsNullOrWhiteSpace(phrase)) continue;
            _classes[phrase] = cls;
        }
        foreach (var (phrase, cls) in _classes)
        {
            int node = 0;
            foreach (char c in phrase)
            {
                long key = Edge(node, c);
                if (!_edges.TryGetValue(key, out int child))
                {
                    child = _nodeClass.Count;
                    _nodeClass.Add(null);
                    _edges[key] = child;
                }
                node = child;
            }
            _nodeClass[node] = cls;
        }
    }

    public static PhraseLexicon Empty { get; } = new([]);

    public int Count => _classes.Count;

    public IReadOnlyDictionary<string, string> Entries => _classes;

    /// <summary>Longest-first, non-overlapping matches: (start, length, class).</summary>
    public List<(int Start, int Length, string Class)> Match(string text)
    {
        var found = new List<(int, int, string)>();
        MatchInto(text, found);
        return found;
    }

    internal void MatchInto(ReadOnlySpan<char> text, List<(int Start, int Length, string Class)> found)
    {
        if (_classes.Count == 0) return;
        int i = 0;
        while (i < text.Length)
        {
            int node = 0, matched = 0;
            string? matchedClass = null;
            for (int j = i; j < text.Length && _edges.TryGetValue(Edge(node, text[j]), out node); j++)
            {
                if (_nodeClass[node] is { } cls)
                {
                    matched = j - i + 1;
                    matchedClass = cls;
                }
            }
            if (matched > 0)
            {
                found.Add((i, matched, matchedClass!));
                i += matched;
            }
            else i++;
        }
    }

    private static long Edge(int node, char c) => ((long)node << 16) | c;

    private static readonly List<WeakReference<PhraseLexicon>> Interned = [];

    /// <summary>
    /// A lexicon with these entries, shared with earlier callers that passed the same entries: the
    /// sentiment models ship one lexicon each, and one instance lets a post's matches be computed once.
    /// </summary>
    internal static PhraseLexicon Shared(IReadOnlyDictionary<string, string> phraseToClass)
    {
        var fresh = new PhraseLexicon(phraseToClass);
        lock (Interned)
        {
            Interned.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (var weak in Interned)
                if (weak.TryGetTarget(out var existing) && existing.SameEntries(fresh)) return existing;
            Interned.Add(new WeakReference<PhraseLexicon>(fresh));
        }
        return fresh;
    }

    private bool SameEntries(PhraseLexicon other)
    {
        if (other._classes.Count != _classes.Count) return false;
        foreach (var (phrase, cls) in _classes)
            if (!other._classes.TryGetValue(phrase, out var otherClass) || !string.Equals(cls, otherClass, StringComparison.Ordinal)) return false;
        return true;
    }
}
