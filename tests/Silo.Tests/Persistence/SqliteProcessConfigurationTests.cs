using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>The process-wide SQLite settings storage registration makes (before any connection, see ProcessStorageRegistration).</summary>
public sealed class SqliteProcessConfigurationTests() : SiloOnDatabase(StorageKind.Sqlite)
{
    [Fact]
    public async Task Registering_storage_turns_off_SQLite_memory_statistics_so_no_allocation_takes_the_process_wide_mutex()
    {
        var contexts = Silo.Get<IDbContextFactory<CityMatrixDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        (await db.Accounts.CountAsync()).ShouldBeGreaterThan(0, "SQLite allocated while it read the seeded matrix");

        SqliteProcessConfiguration.CountsMemory.ShouldBeFalse();
    }
}
