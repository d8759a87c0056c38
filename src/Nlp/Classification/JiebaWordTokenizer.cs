using System.Globalization;
using CityMatrix.Nlp.Segmentation;

namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Word tokens for the classifiers from <see cref="JiebaSegmenter.Default"/> (jieba dictionary plus the
/// governance words), without whitespace and punctuation-only tokens. Thread-safe: the segmenter is.
/// The segmenter is built on first use, so holding this does not load the dictionary.
/// </summary>
public sealed class JiebaWordTokenizer : ITokenizer
{
    public static JiebaWordTokenizer Default { get; } = new();

    public IEnumerable<string> Tokenize(string text)
    {
        foreach (var token in JiebaSegmenter.Default.Cut(text))
            if (HasWordCharacter(token)) yield return token;
    }

    private static bool HasWordCharacter(string token)
    {
        foreach (var c in token)
        {
            var cat = char.GetUnicodeCategory(c);
            if (cat is not (UnicodeCategory.SpaceSeparator or UnicodeCategory.Control or UnicodeCategory.Format)
                && !char.IsPunctuation(c) && !char.IsSymbol(c) && !char.IsWhiteSpace(c))
                return true;
        }
        return false;
    }
}
