namespace CityMatrix.Silo.Grains;

/// <summary>
/// Durable storage for one kind of grain state. Writes are ETag-checked: a write whose ETag does not
/// match the stored one throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage<TState> where TState : class, new()
{
    Task ReadStateAsync(string grainKey, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    Task WriteStateAsync(string grainKey, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
}
