using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using Microsoft.EntityFrameworkCore;
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
        // A list in a query (ids.Contains(c.Id)) is ONE parameter: a JSON array read with json_each on SQLite, an array
        // on PostgreSQL. EF's default, one parameter per value, writes new SQL for every count: EF processes and writes
        // the statement again at each run, and SQLite compiles each text anew (SqliteStatementCache keeps a statement
        // per text). The hot reads of ingestion ask with lists of 50–500 ids.
        services.AddPooledDbContextFactory<CityMatrixDbContext>((sp, builder) =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (options.Provider == StorageProvider.PostgreSql)
            {
                builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
            }
            else
            {
                builder.UseSqlite($"Data Source={options.SqlitePath};Default Timeout=30;Pooling=True",
                        sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqlitePragmaInterceptor(options.SqliteSynchronous), new SqliteStatementCache());
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
}
