namespace CityMatrix.Nlp.Segmentation;

/// <summary>A token as a range of UTF-16 code units in the segmented text.</summary>
public readonly record struct TokenRange(int Start, int Length)
{
    public int End => Start + Length;
}
