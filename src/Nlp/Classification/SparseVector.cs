namespace CityMatrix.Nlp.Classification;

/// <summary>Feature vector as parallel index/value arrays; indices unique, unsorted.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}
