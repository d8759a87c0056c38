using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>
/// Two PostgreSQL batch chunks in flight can update the same counter rows in opposite orders; the server then aborts
/// one (40P01), and the chunk must count as a conflict (its posts are stored one by one) rather than answer 500.
/// The deadlock here is a real one, made with two connections in a fixed order.
/// </summary>
public sealed class WriteConflictsTests
{
    [Fact]
    public async Task A_deadlock_PostgreSQL_reports_counts_as_a_concurrent_write_abort_also_inside_EFs_wrappers()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var deadlock = await MakeDeadlockAsync(connectionString);

            deadlock.SqlState.ShouldBe(PostgresErrorCodes.DeadlockDetected);
            WriteConflicts.IsConcurrentWriteAbort(deadlock).ShouldBeTrue();
            var wrapped = new InvalidOperationException("transient", new DbUpdateException("save failed", deadlock));
            WriteConflicts.IsConcurrentWriteAbort(wrapped).ShouldBeTrue();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public void Other_database_errors_are_not_concurrent_write_aborts()
    {
        WriteConflicts.IsConcurrentWriteAbort(new DbUpdateException("save failed", new InvalidOperationException("no"))).ShouldBeFalse();
        WriteConflicts.IsConcurrentWriteAbort(new TimeoutException()).ShouldBeFalse();
    }

    /// <summary>
    /// First locks row 1, second row 2; then each asks for the other's row. The second waits with a long
    /// deadlock_timeout, so the first runs the deadlock check (after the default 1 s) and is the one aborted.
    /// </summary>
    private static async Task<PostgresException> MakeDeadlockAsync(string connectionString)
    {
        await using var first = new NpgsqlConnection(connectionString);
        await using var second = new NpgsqlConnection(connectionString);
        // Outside any transaction: pg_stat_activity is read once per transaction, so a poll inside one would not move.
        await using var observer = new NpgsqlConnection(connectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await observer.OpenAsync();
        await Execute(first, "CREATE TABLE locks (id int PRIMARY KEY, v int); INSERT INTO locks VALUES (1, 0), (2, 0);");
        await Execute(first, "BEGIN; SET LOCAL deadlock_timeout = '1s'; UPDATE locks SET v = 1 WHERE id = 1;");
        await Execute(second, "BEGIN; SET LOCAL deadlock_timeout = '60s'; UPDATE locks SET v = 1 WHERE id = 2;");
        var firstWaits = Execute(first, "UPDATE locks SET v = 2 WHERE id = 2;");
        // The second asks only once the first is waiting, so the cycle closes in this order every time.
        await WaitUntilWaitingAsync(observer, first.ProcessID);
        var secondWaits = Execute(second, "UPDATE locks SET v = 2 WHERE id = 1;");
        var error = await Should.ThrowAsync<PostgresException>(() => firstWaits);
        await secondWaits;
        await Execute(second, "ROLLBACK;");
        return error;
    }

    private static async Task WaitUntilWaitingAsync(NpgsqlConnection observer, int processId)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = new NpgsqlCommand("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $1", observer);
            command.Parameters.AddWithValue(processId);
            if (await command.ExecuteScalarAsync() is true) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Backend {processId} never waited for a lock.");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
