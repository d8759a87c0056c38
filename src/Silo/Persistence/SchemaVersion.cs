namespace CityMatrix.Silo.Persistence;

/// <summary>A row per applied schema migration.</summary>
public sealed class SchemaVersion
{
    public int Version { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset AppliedAt { get; set; }
}
