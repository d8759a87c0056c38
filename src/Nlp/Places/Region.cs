namespace CityMatrix.Nlp.Places;

/// <summary>One administrative region of the gazetteer.</summary>
public sealed record Region(string Code, string Name, PlaceLevel Level, string? ParentCode);
