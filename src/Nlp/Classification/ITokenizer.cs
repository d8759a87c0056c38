namespace CityMatrix.Nlp.Classification;

/// <summary>
/// Splits text into word tokens. Lets a word segmenter (e.g. the jieba-compatible one) feed the
/// classifiers next to the built-in character n-grams. Implementations must be thread-safe.
/// </summary>
public interface ITokenizer
{
    IEnumerable<string> Tokenize(string text);
}

/// <summary>Adapts any delegate (e.g. <c>t => segmenter.Cut(t)</c>) to <see cref="ITokenizer"/>.</summary>
public sealed class DelegateTokenizer(Func<string, IEnumerable<string>> tokenize) : ITokenizer
{
    public IEnumerable<string> Tokenize(string text) => tokenize(text);
}
