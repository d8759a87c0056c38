namespace CityMatrix.Silo.Grains;

public sealed class GrainHostOptions
{
    public const string Section = "Grains";

    /// <summary>An activation unused for this long is deactivated by the collector.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a state update is re-applied on fresh state after an ETag conflict.</summary>
    public int MaxConflictRetries { get; set; } = 50;
}
