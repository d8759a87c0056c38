using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Persistence;

public static class StorageServiceCollectionExtensions
{
    /// <summary>EF Core on SQLite (default) or PostgreSQL per the "Storage" section, grain storages, migrator.</summary>
    public static IServiceCollection AddCityMatrixStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Before any connection opens (SQLite takes process-wide settings only then); harmless on PostgreSQL.
        SqliteProcessConfiguration.Apply();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => o.Provider != StorageProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is required when Storage:Provider is PostgreSql.")
            .ValidateOnStart();
        services.AddPooledDbContextFactory<CityMatrixDbContext>((sp, builder) =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (options.Provider == StorageProvider.PostgreSql)
            {
                builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.UseParameterizedCollectionMode(ListsAsOneParameter));
            }
            else
            {
                builder.UseSqlite($"Data Source={options.SqlitePath};Default Timeout=30;Pooling=True", SqliteQueries)
                    .AddInterceptors(new SqlitePragmaInterceptor(options.SqliteSynchronous), SqliteStatementCache.Shared);
            }
        });
        services.TryAddSingleton<IStorageWriter>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Sqlite
            ? ActivatorUtilities.CreateInstance<SqliteGroupCommitWriter>(sp)
            : ActivatorUtilities.CreateInstance<DirectStorageWriter>(sp));
        services.TryAddSingleton<AccountGrainStorage>();
        services.TryAddSingleton<IGrainStorage<AccountState>>(sp => sp.GetRequiredService<AccountGrainStorage>());
        services.TryAddSingleton<IAccountSource>(sp => sp.GetRequiredService<AccountGrainStorage>());
        services.TryAddSingleton<CaseGrainStorage>();
        services.TryAddSingleton<IGrainStorage<CaseState>>(sp => sp.GetRequiredService<CaseGrainStorage>());
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<MatrixSeeder>();
        return services;
    }

    /// <summary>
    /// A list in a query (ids.Contains(c.Id)) is ONE parameter: a JSON array read with json_each on SQLite, an array
    /// on PostgreSQL. EF's default, one parameter per value, writes new SQL for every count: EF processes and writes
    /// the statement again at each run, and SQLite compiles each text anew (<see cref="SqliteStatementCache"/> keeps a
    /// statement per text). The hot reads of ingestion ask with lists of 50–500 ids.
    /// </summary>
    private const ParameterTranslationMode ListsAsOneParameter = ParameterTranslationMode.Parameter;

    /// <summary>The query settings of every SQLite context: the pooled factory's and the group-commit writer's.</summary>
    internal static void SqliteQueries(SqliteDbContextOptionsBuilder sqlite) => sqlite.UseParameterizedCollectionMode(ListsAsOneParameter);
}
