namespace CityMatrix.Silo.Grains;

/// <summary>
/// Thrown instead of dead-locking when a call chain comes back to a grain that is still in its turn
/// (A calls B calls A). Grains here are not re-entrant, as Orleans grains are not by default.
/// </summary>
public sealed class ReentrantGrainCallException(string grainId)
    : InvalidOperationException($"Re-entrant call to grain {grainId}: the grain is already executing a turn in this call chain.")
{
    public string GrainId { get; } = grainId;
}
