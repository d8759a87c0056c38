namespace CityMatrix.Nlp.Categories;

/// <summary>
/// Finds messages that are near-copies of a fixed set of reference messages (the evaluation set): the same letter posted
/// again with a new greeting, a reworded subject, a different building number in a shared template. Texts are compared as
/// subject + detail, normalised to lower-case letters and digits only (whitespace and punctuation dropped), as sets of
/// character 3-shingles. A message is a near-copy of a reference when
/// <list type="bullet">
/// <item>the Jaccard overlap of the two shingle sets is at least <see cref="JaccardThreshold"/>, or</item>
/// <item>at least <see cref="ContainmentThreshold"/> of the smaller set lies in the other one (both sets of
/// <see cref="MinContainmentShingles"/> shingles or more, so a one-line message does not match by a shared phrase), or</item>
/// <item>one normalised text contains the other (the shorter of at least <see cref="MinContainedLength"/> characters).</item>
/// </list>
/// On the govmsg data the one known near-copy (a re-posted letter) has Jaccard .83; unrelated messages on the same topic
/// stay below .22 Jaccard and .40 containment. Thread-safe after construction.
/// </summary>
public sealed class NearCopies
{
    public const double JaccardThreshold = 0.25;
    public const double ContainmentThreshold = 0.6;
    public const int MinContainmentShingles = 20;
    public const int MinContainedLength = 20;

    private readonly List<(GovMessage Message, string Text, HashSet<ulong> Shingles)> _references = [];
    private readonly Dictionary<ulong, List<int>> _index = [];

    public NearCopies(IEnumerable<GovMessage> references)
    {
        foreach (var m in references)
        {
            var text = Normalise(m);
            var shingles = Shingles(text);
            int r = _references.Count;
            _references.Add((m, text, shingles));
            foreach (var s in shingles)
            {
                if (!_index.TryGetValue(s, out var list)) _index[s] = list = [];
                list.Add(r);
            }
        }
    }

    /// <summary>The closest reference <paramref name="m"/> is a near-copy of, with its Jaccard overlap and containment; null when none.</summary>
    public (GovMessage Reference, double Jaccard, double Containment)? Find(GovMessage m)
    {
        var text = Normalise(m);
        var shingles = Shingles(text);
        var shared = new Dictionary<int, int>();
        foreach (var s in shingles)
            if (_index.TryGetValue(s, out var refs))
                foreach (var r in refs) shared[r] = shared.GetValueOrDefault(r) + 1;
        (GovMessage, double, double)? best = null;
        double bestScore = -1;
        for (int r = 0; r < _references.Count; r++)
        {
            var (reference, refText, refShingles) = _references[r];
            int inter = shared.GetValueOrDefault(r);
            int union = shingles.Count + refShingles.Count - inter;
            double jaccard = union == 0 ? 0 : inter / (double)union;
            int smaller = Math.Min(shingles.Count, refShingles.Count);
            double containment = smaller == 0 ? 0 : inter / (double)smaller;
            bool contained = Contains(text, refText) || Contains(refText, text);
            bool near = jaccard >= JaccardThreshold || (smaller >= MinContainmentShingles && containment >= ContainmentThreshold) || contained;
            if (near && jaccard + (contained ? 1 : 0) > bestScore)
            {
                bestScore = jaccard + (contained ? 1 : 0);
                best = (reference, jaccard, containment);
            }
        }
        return best;
    }

    public bool IsNearCopy(GovMessage m) => Find(m) is not null;

    /// <summary>Subject + detail as lower-case letters and digits only: whitespace, punctuation and symbols dropped.</summary>
    public static string Normalise(GovMessage m)
    {
        var text = m.Subject + m.Detail;
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text.Normalize(System.Text.NormalizationForm.FormKC))
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        return sb.ToString();
    }

    /// <summary>Character 3-shingles (UTF-16 units packed into one number, so no collisions); a shorter text is one shingle.</summary>
    public static HashSet<ulong> Shingles(string normalised)
    {
        var set = new HashSet<ulong>();
        if (normalised.Length == 0) return set;
        if (normalised.Length < 3)
        {
            ulong v = 0;
            foreach (var ch in normalised) v = (v << 16) | ch;
            set.Add(v | (1UL << 63));
            return set;
        }
        for (int i = 0; i + 3 <= normalised.Length; i++)
            set.Add(((ulong)normalised[i] << 32) | ((ulong)normalised[i + 1] << 16) | normalised[i + 2]);
        return set;
    }

    private static bool Contains(string longer, string shorter) =>
        shorter.Length >= MinContainedLength && longer.Length >= shorter.Length && longer.Contains(shorter, StringComparison.Ordinal);
}
