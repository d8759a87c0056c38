using System.Globalization;

namespace CityMatrix.Nlp.Segmentation;

/// <summary>
/// Finds the spans of a social-media post that the social cut keeps whole, where jieba would split them:
/// URLs, @names, #topics#, [表情] codes, and multi-scalar emoji (ZWJ families, skin tones, flags, keycaps).
/// </summary>
internal static class SocialSpans
{
    private const int MaxMention = 30;
    private const int MaxTopic = 40;
    private const int MaxEmoticon = 8;

    /// <summary>Length of the social span starting at <paramref name="i"/>, or 0 when none starts there.</summary>
    public static int At(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case 'h' or 'H' when StartsWithUrlScheme(text[i..]):
                return UrlLength(text, i);
            case '@' or '＠':
                return Run(text, i + 1, MaxMention, IsMentionChar) is var m and > 0 ? m + 1 : 0;
            case '#' or '＃':
                return Enclosed(text, i, c, MaxTopic);
            case '[':
                return Run(text, i + 1, MaxEmoticon, char.IsLetterOrDigit) is var e and > 0 && i + 1 + e < text.Length && text[i + 1 + e] == ']' ? e + 2 : 0;
        }
        if (c < 0x2000 || CharClasses.IsDictionaryBlock(c)) return 0;
        // An emoji sequence: one grapheme cluster of several scalars (the segmenter would split it per scalar).
        var cluster = StringInfo.GetNextTextElementLength(text[i..]);
        var scalarWidth = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        return cluster > scalarWidth ? cluster : 0;
    }

    private static bool StartsWithUrlScheme(ReadOnlySpan<char> s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static int UrlLength(ReadOnlySpan<char> text, int i)
    {
        var j = i;
        while (j < text.Length && IsUrlChar(text[j])) j++;
        // Trailing sentence punctuation belongs to the sentence, not the URL.
        while (j > i && text[j - 1] is '.' or ',' or ')' or '!' or '?' or ':' or ';' or '\'') j--;
        return j - i;
    }

    private static bool IsUrlChar(char c) => c < 128 && (char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".Contains(c));

    private static bool IsMentionChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static int Run(ReadOnlySpan<char> text, int from, int max, Func<char, bool> allowed)
    {
        var j = from;
        while (j < text.Length && j - from < max && allowed(text[j])) j++;
        return j - from;
    }

    private static int Enclosed(ReadOnlySpan<char> text, int i, char open, int max)
    {
        for (var j = i + 1; j < text.Length && j - i <= max; j++)
        {
            var c = text[j];
            if (c == '#' || c == '＃') return j > i + 1 ? j - i + 1 : 0;
            if (char.IsWhiteSpace(c)) return 0;
        }
        return 0;
    }
}
