namespace CityMatrix.Silo.Grains;

public sealed class GrainState<TState>(TState state) : IGrainState<TState>
{
    public TState State { get; set; } = state;
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}
