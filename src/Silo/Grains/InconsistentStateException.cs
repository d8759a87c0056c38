namespace CityMatrix.Silo.Grains;

/// <summary>A state write lost an optimistic-concurrency race (same name as Orleans' exception).</summary>
public sealed class InconsistentStateException(string message, string? storedETag = null, string? currentETag = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string? StoredETag { get; } = storedETag;
    public string? CurrentETag { get; } = currentETag;
}
