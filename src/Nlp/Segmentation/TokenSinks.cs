namespace CityMatrix.Nlp.Segmentation;

internal readonly struct StringListSink(string text, List<string> tokens) : ITokenSink
{
    public void Add(int start, int length) => tokens.Add(text.Substring(start, length));
}

internal readonly struct RangeListSink(List<TokenRange> ranges) : ITokenSink
{
    public void Add(int start, int length) => ranges.Add(new TokenRange(start, length));
}
