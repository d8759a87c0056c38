using System.Text;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Silo.Search;

/// <summary>
/// The one tokenisation shared by the index, the query and the highlighter. Documents are cut in jieba's
/// search mode: the social cut, plus the dictionary words of two and three characters inside every longer
/// token (our dictionary has compounds such as 暖气不热, and a search for 暖气 must find them). Queries use
/// the plain social cut, so their words are as specific as the user typed them.
/// </summary>
public static class SearchTokens
{
    /// <summary>The text's search-mode tokens, space-joined: what the index stores.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var segmenter = JiebaSegmenter.Default;
        var tokens = new List<string>();
        foreach (var token in segmenter.CutSocial(text))
        {
            if (string.IsNullOrWhiteSpace(token)) continue;
            // Sub-words first, then the word: a phrase ending in the word still reads in order.
            foreach (var sub in SubWords(token, segmenter)) tokens.Add(sub);
            tokens.Add(token);
        }
        return string.Join(' ', tokens);
    }

    /// <summary>The dictionary words of 2 and 3 characters inside a longer token, in order (jieba's cut_for_search).</summary>
    public static IEnumerable<string> SubWords(string token, JiebaSegmenter segmenter)
    {
        for (var n = 2; n <= 3; n++)
        {
            if (token.Length <= n) yield break;
            for (var i = 0; i + n <= token.Length; i++)
            {
                var gram = token.Substring(i, n);
                if (segmenter.Contains(gram)) yield return gram;
            }
        }
    }

    /// <summary>
    /// A token as both databases compare it: letters and digits only, lower-cased (FTS5's unicode61 and
    /// PostgreSQL's parser drop '@', '#' and punctuation, and fold case). Empty for punctuation.
    /// </summary>
    public static string Normalize(ReadOnlySpan<char> token)
    {
        var builder = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
