using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CityMatrix.Ingest.Bench;

/// <summary>A fresh store for the server, and the raw insert ceiling of the same kind of store, measured alike.</summary>
public sealed class BenchStore : IAsyncDisposable
{
    private readonly string _provider;
    private readonly string? _directory;
    private readonly string? _serverConnection;
    private readonly string? _database;

    private BenchStore(string provider, IReadOnlyList<string> settings, string? directory, string? serverConnection, string? database)
    {
        _provider = provider;
        ServerSettings = settings;
        _directory = directory;
        _serverConnection = serverConnection;
        _database = database;
    }

    public IReadOnlyList<string> ServerSettings { get; }

    public static async Task<BenchStore> CreateAsync(string provider, string root)
    {
        if (provider == "sqlite")
        {
            var directory = Path.Combine(Path.GetTempPath(), "cm-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            return new BenchStore(provider, [$"--Storage:DataDirectory={directory}"], directory, null, null);
        }
        var start = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "pg-test-server.sh"), "start"]) { RedirectStandardOutput = true })!;
        var server = (await start.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
        await start.WaitForExitAsync();
        var database = "cm_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}_raw", connection).ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        return new BenchStore(provider, ["--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connectionString}"], null, server, database);
    }

    /// <summary>Rows of a post's size inserted one per transaction by <paramref name="writers"/> concurrent writers.</summary>
    public async Task<double> RawInsertRateAsync(int rows, int writers)
    {
        var payload = new string('字', 60);
        var next = -1;
        var clock = Stopwatch.StartNew();
        if (_provider == "sqlite")
        {
            var path = Path.Combine(_directory!, "raw.db");
            var cs = $"Data Source={path};Default Timeout=30;Pooling=True";
            await using (var setup = new SqliteConnection(cs))
            {
                await setup.OpenAsync();
                await new SqliteCommand("PRAGMA journal_mode=WAL; CREATE TABLE raw(id TEXT PRIMARY KEY, text TEXT, at INTEGER);", setup).ExecuteNonQueryAsync();
            }
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                await using var connection = new SqliteConnection(cs);
                await connection.OpenAsync();
                // SQLite's own busy handler as in the server (the driver's fixed 150 ms retry let a writer starve past
                // its 30 s timeout behind the other three when fsync was slow: "database is locked").
                await new SqliteCommand("PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;", connection).ExecuteNonQueryAsync();
                int i;
                while ((i = Interlocked.Increment(ref next)) < rows)
                {
                    await using var insert = new SqliteCommand("INSERT INTO raw VALUES ($id, $text, $at)", connection);
                    insert.Parameters.AddWithValue("$id", $"r{i}");
                    insert.Parameters.AddWithValue("$text", payload);
                    insert.Parameters.AddWithValue("$at", DateTime.UtcNow.Ticks);
                    await insert.ExecuteNonQueryAsync();
                }
            })));
        }
        else
        {
            var cs = new NpgsqlConnectionStringBuilder(_serverConnection) { Database = _database + "_raw" }.ConnectionString;
            await using (var setup = new NpgsqlConnection(cs))
            {
                await setup.OpenAsync();
                await new NpgsqlCommand("CREATE TABLE raw(id text PRIMARY KEY, text text, at bigint)", setup).ExecuteNonQueryAsync();
            }
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(cs);
                await connection.OpenAsync();
                int i;
                while ((i = Interlocked.Increment(ref next)) < rows)
                {
                    await using var insert = new NpgsqlCommand("INSERT INTO raw VALUES (@id, @text, @at)", connection);
                    insert.Parameters.AddWithValue("id", $"r{i}");
                    insert.Parameters.AddWithValue("text", payload);
                    insert.Parameters.AddWithValue("at", DateTime.UtcNow.Ticks);
                    await insert.ExecuteNonQueryAsync();
                }
            })));
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null) try { Directory.Delete(_directory, true); } catch (IOException) { }
        if (_serverConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_serverConnection);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database}_raw WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }
}
