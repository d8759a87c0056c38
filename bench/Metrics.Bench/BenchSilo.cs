using CityMatrix.Silo;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityMatrix.Metrics.Bench;

/// <summary>The silo as the server hosts it (storage, grains, metrics), over a SQLite folder or a fresh PostgreSQL database.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly string? _database;
    private readonly string? _server;

    private BenchSilo(ServiceProvider services, string? server, string? database)
    {
        Services = services;
        _server = server;
        _database = database;
    }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts over <paramref name="directory"/> (SQLite) or a new database on <paramref name="postgresServer"/>.</summary>
    public static async Task<BenchSilo> StartAsync(string provider, string directory, string? postgresServer, TimeProvider clock, bool counters = true)
    {
        var settings = new Dictionary<string, string?> { ["Storage:SeedMatrix"] = "true" };
        string? database = null;
        if (provider == "postgres")
        {
            if (postgresServer is null) throw new InvalidOperationException("PostgreSQL needs --pg or CITYMATRIX_TEST_PG.");
            database = $"cm_metrics_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(postgresServer))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            settings["Storage:Provider"] = "PostgreSql";
            settings["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory);
            settings["Storage:Provider"] = "Sqlite";
            settings["Storage:DataDirectory"] = directory;
        }
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(clock);
        services.AddCitySilo();
        if (!counters) services.RemoveAll<ICaseWriteParticipant>();
        var services_ = services.BuildServiceProvider();
        foreach (var hosted in services_.GetServices<IHostedService>().OfType<StorageInitializer>()) await hosted.StartAsync(CancellationToken.None);
        return new BenchSilo(services_, postgresServer, database);
    }

    /// <summary>Drops the PostgreSQL database unless asked to keep it.</summary>
    public async ValueTask DisposeAsync(bool keep)
    {
        await Services.DisposeAsync();
        if (_database is null || keep) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => DisposeAsync(keep: false);
}
