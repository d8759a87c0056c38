namespace CityMatrix.Silo.Posts;

/// <summary>
/// A chunk of posts after <see cref="PostBatchIngestion.Analyse"/>: which posts (index and key, each key once), their
/// records with the analysis, and the time they were analysed at (the time the decisions use).
/// </summary>
public sealed record AnalysedChunk((int Index, string Key)[] Posts, PostRecord[] Records, DateTimeOffset At)
{
    /// <summary>The reads its decisions need, begun when it was analysed.</summary>
    internal PostBatchIngestion.ChunkReads? Reads { get; init; }
}
