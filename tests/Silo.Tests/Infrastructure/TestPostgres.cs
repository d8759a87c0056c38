using System.Diagnostics;
using Npgsql;

namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test command starts on 127.0.0.1 (CITYMATRIX_TEST_PG). When a test run
/// was started without it (e.g. from an IDE), the same script is run to start it. Each caller gets a
/// fresh database of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> ServerConnectionString = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"cm_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString.Value))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString.Value) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string StartOrFind()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CITYMATRIX_TEST_PG");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        var script = Path.Combine(RepositoryRoot(), "scripts", "pg-test-server.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}.");
        return output.Split('\n')[^1];
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityMatrix.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CityMatrix.sln not found above the test binaries.");
    }
}
