namespace CityMatrix.Silo.Persistence;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Sqlite (embedded default) or PostgreSql.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Where the SQLite database lives (citymatrix.db).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string (required for PostgreSql).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's synchronous pragma. FULL (default) syncs the WAL on every commit, so an acknowledged
    /// write survives a power cut, not just a killed process.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    /// <summary>Seed the Yinchuan matrix into an empty accounts table at start-up.</summary>
    public bool SeedMatrix { get; set; } = true;

    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDirectory), "citymatrix.db");

    /// <summary>The SQLite search index's own file (derived data: rebuilt from the store when missing).</summary>
    public string SqliteSearchPath => Path.Combine(Path.GetFullPath(DataDirectory), "citymatrix-search.db");
}
