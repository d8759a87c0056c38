using Microsoft.Data.Sqlite;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// A SQLite connection that sets <see cref="SqliteBusyWait"/> each time it is opened, for code that opens its
/// own connections from a connection string (Quartz's ADO job store) rather than through EF's interceptors.
/// </summary>
public sealed class BusyWaitingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public override void Open()
    {
        base.Open();
        using var command = CreateCommand();
        command.CommandText = SqliteBusyWait.Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await base.OpenAsync(cancellationToken);
        await using var command = CreateCommand();
        command.CommandText = SqliteBusyWait.Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
