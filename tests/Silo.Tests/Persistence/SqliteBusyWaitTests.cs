using System.Data.Common;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Scheduling;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>
/// Every connection to the SQLite file waits for the write lock with SQLite's own busy handler (fine-grained
/// retries), not Microsoft.Data.Sqlite's 150 ms sleeps: the EF contexts, the group-commit writer's connection
/// and Quartz's job-store connections.
/// </summary>
public sealed class SqliteBusyWaitTests() : SiloOnDatabase(StorageKind.Sqlite)
{
    private static async Task<long> BusyTimeoutAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        command.Transaction = transaction;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Context_connections_wait_for_the_write_lock_with_sqlites_busy_handler()
    {
        await using var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        (await BusyTimeoutAsync(db.Database.GetDbConnection())).ShouldBe(SqliteBusyWait.TimeoutMilliseconds);
    }

    [Fact]
    public async Task The_group_commit_writers_connection_waits_with_sqlites_busy_handler()
    {
        var timeout = await Silo.Get<IStorageWriter>().WriteAsync((db, _) =>
            BusyTimeoutAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction()));

        timeout.ShouldBe(SqliteBusyWait.TimeoutMilliseconds);
    }

    [Fact]
    public async Task Quartz_job_store_connections_wait_with_sqlites_busy_handler()
    {
        var provider = QuartzStore.ConnectionsFor(Silo.Get<IOptions<StorageOptions>>().Value);
        await using var connection = provider.CreateConnection();
        await connection.OpenAsync();

        (await BusyTimeoutAsync(connection)).ShouldBe(SqliteBusyWait.TimeoutMilliseconds);
    }

    [Fact]
    public async Task A_write_queued_while_another_connection_holds_the_lock_commits_once_it_is_released()
    {
        var path = Silo.Get<IOptions<StorageOptions>>().Value.SqlitePath;
        await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync();
        var held = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using (var touch = new SqliteCommand("CREATE TABLE busy_probe(x INTEGER)", holder, held)) await touch.ExecuteNonQueryAsync();

        var write = Silo.Get<IStorageWriter>().WriteAsync(async (db, token) =>
        {
            db.RoutingRules.Add(new Routing.RoutingRule { Id = "busy-rule", AccountId = "wzyc", CreatedBy = "test" });
            return await db.SaveChangesAsync(token);
        });
        write.IsCompleted.ShouldBeFalse();
        await held.CommitAsync();

        (await write).ShouldBe(1);
        await using var check = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        (await check.RoutingRules.CountAsync(r => r.Id == "busy-rule")).ShouldBe(1);
    }
}
