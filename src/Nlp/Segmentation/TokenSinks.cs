namespace CityMatrix.Nlp.Segmentation;

internal readonly struct StringListSink(string text, List<string> tokens) : ITokenSink
{
    public void Add(int start, int length) => tokens.Add(TokenStringCache.Get(text, start, length));
}

internal readonly struct RangeListSink(List<TokenRange> ranges) : ITokenSink
{
    public void Add(int start, int length) => ranges.Add(new TokenRange(start, length));
}

/// <summary>Shifts the offsets of a segment of the text back to the whole text.</summary>
internal struct OffsetSink<TSink>(TSink inner, int offset) : ITokenSink where TSink : struct, ITokenSink
{
    public TSink Inner = inner;

    public void Add(int start, int length) => Inner.Add(start + offset, length);
}
