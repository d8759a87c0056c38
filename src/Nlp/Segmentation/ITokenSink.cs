namespace CityMatrix.Nlp.Segmentation;

/// <summary>Receives tokens in text order; implemented by structs so the segmenter's loop is specialised per sink.</summary>
internal interface ITokenSink
{
    void Add(int start, int length);
}
