using System.Data.Common;
using CityMatrix.Silo.Persistence;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;

namespace CityMatrix.Silo.Scheduling;

/// <summary>
/// Quartz's ADO job store in the cases' own database, chosen at run time from "Storage" (the provider is not
/// known when services are registered): the Microsoft.Data.Sqlite driver on the SQLite file, Npgsql on
/// PostgreSQL. The qrtz_* tables come from migration step 9.
/// </summary>
public static class QuartzStore
{
    public static IDbProvider ConnectionsFor(StorageOptions storage) => storage.Provider == StorageProvider.PostgreSql
        ? new DbProvider(Quartz.DataSourceOptions.Providers.Npgsql, storage.ConnectionString!)
        : new BusyWaitingSqliteProvider($"Data Source={storage.SqlitePath};Default Timeout=30;Pooling=True");

    public static IDriverDelegate DelegateFor(StorageOptions storage) =>
        storage.Provider == StorageProvider.PostgreSql ? new PostgreSQLDelegate() : new SQLiteDelegate();

    /// <summary>
    /// Clustered on PostgreSQL (row locks on qrtz_locks): two server processes never fire one trigger twice.
    /// SQLite is the single-server store; a second process on the same file would still apply each step once,
    /// since the steps themselves are idempotent.
    /// </summary>
    public static bool Clustered(StorageOptions storage) => storage.Provider == StorageProvider.PostgreSql;

    /// <summary>
    /// Quartz opens its own connections (and begins IMMEDIATE transactions even to read): they wait for the
    /// write lock with SQLite's fine-grained busy handler, not the driver's 150 ms sleeps (<see cref="SqliteBusyWait"/>).
    /// </summary>
    private sealed class BusyWaitingSqliteProvider(string connectionString)
        : DbProvider(Quartz.DataSourceOptions.Providers.Sqlite, connectionString)
    {
        public override DbConnection CreateConnection() => new BusyWaitingSqliteConnection(ConnectionString);
    }
}
