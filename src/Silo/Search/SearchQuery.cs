using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Silo.Search;

/// <summary>
/// A parsed query: alternatives (separated by OR), each a list of clauses that must all match. Text is
/// cut by the segmenter, so 暖气不热 means 暖气 AND 不热; "暖气 不热" in double quotes is a phrase.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxTokens = 32;

    private SearchQuery(string text, IReadOnlyList<IReadOnlyList<SearchClause>> alternatives)
    {
        Text = text;
        Alternatives = alternatives;
        Terms = alternatives.SelectMany(a => a).SelectMany(c => c.Tokens).ToHashSet(StringComparer.Ordinal);
    }

    public string Text { get; }

    public IReadOnlyList<IReadOnlyList<SearchClause>> Alternatives { get; }

    /// <summary>Every token of the query, for highlighting.</summary>
    public IReadOnlySet<string> Terms { get; }

    /// <summary>Parses <paramref name="text"/>; a query with no searchable word is refused (field "q").</summary>
    public static SearchQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new SearchRequestException("q", "Type something to search for (q).");
        if (text.Length > MaxLength) throw new SearchRequestException("q", $"The query is longer than {MaxLength} characters.");

        var alternatives = new List<IReadOnlyList<SearchClause>>();
        var current = new List<SearchClause>();
        foreach (var (part, quoted) in Split(text))
        {
            if (!quoted && (part == "OR" || part == "|"))
            {
                if (current.Count > 0) alternatives.Add(current);
                current = [];
                continue;
            }
            var tokens = JiebaSegmenter.Default.CutSocial(part).Select(t => SearchTokens.Normalize(t)).Where(t => t.Length > 0).ToList();
            if (tokens.Count == 0) continue;
            current.Add(new SearchClause(tokens, quoted && tokens.Count > 1));
        }
        if (current.Count > 0) alternatives.Add(current);

        if (alternatives.Count == 0) throw new SearchRequestException("q", "The query has no word to search for (only punctuation or operators).");
        if (alternatives.Sum(a => a.Sum(c => c.Tokens.Count)) > MaxTokens) throw new SearchRequestException("q", $"The query has more than {MaxTokens} words.");
        return new SearchQuery(text.Trim(), alternatives);
    }

    /// <summary>Whitespace-separated parts; a double-quoted run (to the next quote, or the end) is one quoted part.</summary>
    private static IEnumerable<(string Part, bool Quoted)> Split(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            if (text[i] is '"' or '“' or '”')
            {
                var end = text.IndexOfAny(['"', '“', '”'], i + 1);
                if (end < 0) end = text.Length;
                yield return (text[(i + 1)..end], true);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '“' or '”')) i++;
            yield return (text[start..i], false);
        }
    }
}
