using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityMatrix.Silo.Persistence;

/// <summary>Sets the per-connection SQLite pragmas every time a (pooled) connection is opened.</summary>
internal sealed class SqlitePragmaInterceptor(string synchronous) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={Validated(synchronous)}; PRAGMA foreign_keys=OFF; {SqliteTempStore.Pragma} {SqliteBusyWait.Pragma}";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Validated(string value) => value.ToUpperInvariant() switch
    {
        "OFF" or "NORMAL" or "FULL" or "EXTRA" => value.ToUpperInvariant(),
        _ => throw new ArgumentException($"Storage:SqliteSynchronous must be OFF, NORMAL, FULL or EXTRA, not '{value}'."),
    };
}
