namespace CityMatrix.Silo.Posts;

/// <summary>
/// A chunk of posts after <see cref="PostBatchIngestion.Analyse"/>: which posts (index and key, each key once), their
/// records with the analysis, their search tokens by text where the write stores them (SQLite), and the time they were
/// analysed at (the time the decisions use).
/// </summary>
public sealed record AnalysedChunk((int Index, string Key)[] Posts, PostRecord[] Records, IReadOnlyDictionary<string, string>? TokensByText, DateTimeOffset At);
