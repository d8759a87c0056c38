using System.Text;

namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Canonical form for classification: full-width ASCII folded to half-width, Latin lower-cased,
/// digit runs collapsed to one '0', URLs to a marker, Weibo topic markup stripped, whitespace
/// collapsed, and the length capped so that a 100 KB line costs no more than a long post.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Characters kept; the rest of an over-long input is ignored.</summary>
    public const int MaxChars = 2000;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(Math.Min(text.Length, MaxChars));
        bool lastSpace = true, lastDigit = false;
        for (int i = 0; i < text.Length && sb.Length < MaxChars; i++)
        {
            char c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '%') { i++; continue; }
            if (c == '%' && i + 1 < text.Length && text[i + 1] == '}') { i++; continue; }
            if ((c == 'h' || c == 'H') && StartsWithUrl(text, i))
            {
                while (i + 1 < text.Length && text[i + 1] < 128 && !char.IsWhiteSpace(text[i + 1])) i++;
                sb.Append('~'); lastSpace = false; lastDigit = false;
                continue;
            }
            if (c == '\u3000') c = ' ';
            else if (c >= '\uFF01' && c <= '\uFF5E') c = (char)(c - 0xFEE0);
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true; lastDigit = false;
                continue;
            }
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
                continue; // lone surrogate from broken input
            if (c >= '0' && c <= '9')
            {
                if (!lastDigit) sb.Append('0');
                lastDigit = true; lastSpace = false;
                continue;
            }
            lastDigit = false; lastSpace = false;
            sb.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }
        return sb.ToString().Trim();
    }

    private static bool StartsWithUrl(string text, int i) =>
        string.CompareOrdinal(text, i, "http://", 0, 7) == 0 || string.CompareOrdinal(text, i, "https://", 0, 8) == 0
        || string.Compare(text, i, "http://", 0, 7, StringComparison.OrdinalIgnoreCase) == 0
        || string.Compare(text, i, "https://", 0, 8, StringComparison.OrdinalIgnoreCase) == 0;
}
