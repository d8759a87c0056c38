namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>A fresh real database (SQLite file in a temp folder, or a new PostgreSQL database) for one test class.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(StorageKind kind, IReadOnlyDictionary<string, string?> settings, string? directory, string? connectionString)
    {
        Kind = kind;
        Settings = settings;
        _directory = directory;
        _connectionString = connectionString;
    }

    private readonly string? _directory;
    private readonly string? _connectionString;

    public StorageKind Kind { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static async Task<TestDatabase> CreateAsync(StorageKind kind)
    {
        if (kind == StorageKind.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "citymatrix-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new TestDatabase(kind, new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:DataDirectory"] = directory,
                // Tests run many small transactions; durability against power loss is not what they check.
                ["Storage:SqliteSynchronous"] = "NORMAL",
            }, directory, null);
        }
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        return new TestDatabase(kind, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
        }, null, connectionString);
    }

    public Task<SiloHost> StartSiloAsync(TimeProvider? time = null, bool seed = true, Func<Microsoft.Extensions.Hosting.IHostedService, bool>? alsoStart = null) =>
        SiloHost.StartAsync(Settings, time, seed, alsoStart);

    public async ValueTask DisposeAsync()
    {
        if (_connectionString is not null) await TestPostgres.DropDatabaseAsync(_connectionString);
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
