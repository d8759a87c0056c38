using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Sets the per-connection SQLite pragmas on every native connection once, when EF first opens it. The pragmas stay
/// with the native connection, which the pool hands out again and again (a context opens one for every query): running
/// them at every open compiled and ran four statements each time, a hundred times a second under load.
/// </summary>
internal sealed class SqlitePragmaInterceptor(string synchronous) : DbConnectionInterceptor
{
    // What was run on each native connection (by its handle, which lives as long as the native connection).
    // A connection is opened by one thread at a time, so a handle's entry is never written by two at once.
    private static readonly ConditionalWeakTable<sqlite3, string> Applied = new();

    private readonly string _sql = $"PRAGMA synchronous={Validated(synchronous)}; PRAGMA foreign_keys=OFF; {SqliteTempStore.Pragma} {SqliteBusyWait.Pragma}";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AppliedAlready(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AppliedAlready(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private bool AppliedAlready(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Applied.TryGetValue(handle, out var sql) && sql == _sql;

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Applied.AddOrUpdate(handle, _sql);
    }

    private static string Validated(string value) => value.ToUpperInvariant() switch
    {
        "OFF" or "NORMAL" or "FULL" or "EXTRA" => value.ToUpperInvariant(),
        _ => throw new ArgumentException($"Storage:SqliteSynchronous must be OFF, NORMAL, FULL or EXTRA, not '{value}'."),
    };
}
