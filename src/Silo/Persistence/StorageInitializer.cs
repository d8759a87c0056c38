using CityMatrix.Silo.Accounts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Runs before the server takes requests: migrates the schema, seeds the matrix on first start, loads
/// the account directory, then reports ready.
/// </summary>
public sealed class StorageInitializer(
    SchemaMigrator migrator,
    MatrixSeeder seeder,
    AccountDirectory directory,
    AccountAdministration administration,
    Users.UserSeeder users,
    Sla.SlaTemplates sla,
    Routing.RoutingRules rules,
    IOptions<StorageOptions> options,
    SiloReadiness readiness,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (storage.Provider == StorageProvider.Sqlite) Directory.CreateDirectory(Path.GetDirectoryName(storage.SqlitePath)!);
        var seeded = 0;
        await migrator.MigrateAsync(async db =>
        {
            if (storage.SeedMatrix) seeded = await seeder.SeedIfEmptyAsync(db, cancellationToken);
            await sla.SeedIfEmptyAsync(db, cancellationToken);
        }, cancellationToken);
        await directory.RefreshAsync(cancellationToken);
        await sla.RefreshAsync(cancellationToken);
        await rules.RefreshAsync(cancellationToken);
        var createdUsers = await users.SeedAsync(cancellationToken);
        if (createdUsers > 0) logger.LogInformation("Created {Count} users (demo users or bootstrap admin)", createdUsers);
        var recovered = await administration.SweepInactiveAsync(cancellationToken);
        if (recovered > 0) logger.LogWarning("Handed {Count} open cases of deactivated accounts to their parents", recovered);
        if (seeded > 0) logger.LogInformation("Seeded the Yinchuan matrix: {Count} accounts", seeded);
        logger.LogInformation("Storage ready ({Provider}{Where}), {Count} accounts",
            storage.Provider, storage.Provider == StorageProvider.Sqlite ? $" at {storage.SqlitePath}" : "", directory.All.Count);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
