namespace CityMatrix.Nlp.Places;

/// <summary>
/// A place found in a text: its region code (empty for roads), official name, level, and where the
/// matched words are in the text (UTF-16 offsets; the matched words may be a short form of the name).
/// </summary>
public sealed record PlaceMatch(string Code, string Name, PlaceLevel Level, int Start, int Length);
