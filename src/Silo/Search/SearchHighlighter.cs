using System.Net;
using System.Text;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Silo.Search;

/// <summary>
/// Marks the query's words in the original text, for both databases: the text is cut again by the same
/// segmenter that made the indexed tokens, so a token (or a sub-word of a compound, as the index splits
/// them) that matched in the index is found here with its character range in the original text. The output
/// is HTML: the text escaped, matched runs in &lt;em&gt;.
/// </summary>
public static class SearchHighlighter
{
    public const int DefaultLength = 120;

    /// <summary>
    /// A window of about <paramref name="maxLength"/> characters around the first match (the start of the
    /// text when nothing matches), with "…" where text was cut off.
    /// </summary>
    public static string Snippet(string text, IReadOnlySet<string> terms, int maxLength = DefaultLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var ranges = new List<TokenRange>();
        JiebaSegmenter.Default.CutSocialRanges(text, ranges);
        var marked = Mark(text, ranges, terms);

        var (start, end) = Window(ranges, marked, text.Length, maxLength);
        var html = new StringBuilder();
        if (start > 0) html.Append('…');
        var run = start;
        for (var i = start; i <= end; i++)
        {
            // Emit the run that ends here: at the window's end or where marking changes.
            if (i < end && marked[i] == marked[run]) continue;
            var piece = WebUtility.HtmlEncode(text[run..i]);
            html.Append(marked[run] ? $"<em>{piece}</em>" : piece);
            run = i;
        }
        if (end < text.Length) html.Append('…');
        return html.ToString();
    }

    /// <summary>Per character: is it part of a matched token or of a matched sub-word of a longer token.</summary>
    private static bool[] Mark(string text, List<TokenRange> ranges, IReadOnlySet<string> terms)
    {
        var marked = new bool[text.Length + 1];
        foreach (var range in ranges)
        {
            var token = text.AsSpan(range.Start, range.Length);
            if (terms.Contains(SearchTokens.Normalize(token)))
            {
                Array.Fill(marked, true, range.Start, range.Length);
                continue;
            }
            if (range.Length <= 2) continue;
            foreach (var sub in SearchTokens.SubWords(token.ToString(), JiebaSegmenter.Default).Where(s => terms.Contains(SearchTokens.Normalize(s))).Distinct())
            {
                for (var at = token.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = NextIndex(token, sub, at))
                    Array.Fill(marked, true, range.Start + at, sub.Length);
            }
        }
        return marked;
    }

    private static int NextIndex(ReadOnlySpan<char> token, string sub, int after)
    {
        var next = token[(after + 1)..].IndexOf(sub, StringComparison.Ordinal);
        return next < 0 ? -1 : after + 1 + next;
    }

    /// <summary>The characters to show, on token boundaries: all of a short text, else from a little before the first match.</summary>
    private static (int Start, int End) Window(List<TokenRange> ranges, bool[] marked, int textLength, int maxLength)
    {
        if (textLength <= maxLength || ranges.Count == 0) return (0, textLength);
        var hit = Array.IndexOf(marked, true);
        var first = 0;
        if (hit > 0)
        {
            // Some context before the match, but never so much that the match falls out of the window.
            var startAt = Math.Max(0, hit - maxLength / 4);
            while (first + 1 < ranges.Count && ranges[first].End <= startAt) first++;
        }
        var limit = ranges[first].Start + maxLength;
        var last = first;
        while (last + 1 < ranges.Count && ranges[last + 1].End <= limit) last++;
        return (ranges[first].Start, ranges[last].End);
    }
}
