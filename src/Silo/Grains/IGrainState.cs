namespace CityMatrix.Silo.Grains;

/// <summary>A grain's persistent state with the ETag it was read at (Orleans' IGrainState).</summary>
public interface IGrainState<TState>
{
    TState State { get; set; }

    /// <summary>Null when no record exists yet; a write then inserts and fails if another writer inserted first.</summary>
    string? ETag { get; set; }

    bool RecordExists { get; set; }
}
