using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// One statement run row after row with positional values on a context's connection (and its transaction): what
/// <see cref="PreparedInserter{T}"/> and <see cref="PreparedUpdater{T}"/> write through. On SQLite it is a
/// <see cref="SqliteRowStatement"/>: compiled once per connection and bound by position; elsewhere an ADO command.
/// </summary>
public abstract class RowStatement : IAsyncDisposable
{
    /// <summary>The statement for <paramref name="sql"/>, whose parameters are named <paramref name="parameterNames"/> in order.</summary>
    public static RowStatement For(CityMatrixDbContext db, string sql, IReadOnlyList<string> parameterNames) =>
        db.Database.GetDbConnection() is SqliteConnection sqlite
            ? SqliteRowStatement.For(sqlite, sql, parameterNames.Count)
            : new CommandRowStatement(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameterNames);

    /// <summary>Sets the value at <paramref name="index"/> (0-based, in the order of the names): a provider value, or null/DBNull.</summary>
    public abstract void Set(int index, object? value);

    /// <summary>Runs the statement with the values set; returns the rows it changed.</summary>
    public abstract Task<int> ExecuteAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}
