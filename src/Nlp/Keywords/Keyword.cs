namespace CityMatrix.Nlp.Keywords;

/// <summary>A keyword and its TF-IDF weight (term frequency share × IDF).</summary>
public readonly record struct Keyword(string Word, double Weight);
