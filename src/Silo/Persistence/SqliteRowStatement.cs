using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// A <see cref="RowStatement"/> on SQLite's own API, for the writes of many rows on the one writer connection.
/// Microsoft.Data.Sqlite compiles a command's statement again for every new command (so once per chunk write, for
/// an INSERT compiled with its triggers) and binds every value by name: a name look-up per value, a linear scan of
/// the statement's names with a string compare each, in native code. Here the statement is compiled once per
/// connection and kept with it, and values are bound by position.
/// <para>
/// Concurrency: a connection is used by one thread at a time, and so is each of its statements; the cache is per
/// connection. A statement is reset after every run, so it never holds a read or write lock between runs. When
/// the connection is dropped, its statements are finalized by their handles (SQLite closes a connection once the
/// last of them is).
/// </para>
/// </summary>
internal sealed class SqliteRowStatement : RowStatement
{
    // By the native connection, not the SqliteConnection: a pooled SqliteConnection may get another native one when reopened.
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, SqliteRowStatement>> Cache = new();

    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameters;

    private SqliteRowStatement(sqlite3 connection, sqlite3_stmt statement, int parameters)
    {
        _connection = connection;
        _statement = statement;
        _parameters = parameters;
    }

    public static SqliteRowStatement For(SqliteConnection connection, string sql, int parameters)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var statements = Cache.GetOrCreateValue(handle);
        if (statements.TryGetValue(sql, out var cached)) return cached;
        var rc = raw.sqlite3_prepare_v3(handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out _);
        if (rc != raw.SQLITE_OK) throw Error(handle, rc);
        var count = raw.sqlite3_bind_parameter_count(statement);
        if (count != parameters)
        {
            statement.Dispose();
            throw new ArgumentException($"The statement has {count} parameters, not {parameters}: {sql}", nameof(parameters));
        }
        return statements[sql] = new SqliteRowStatement(handle, statement, parameters);
    }

    public override void Set(int index, object? value)
    {
        if ((uint)index >= (uint)_parameters) throw new ArgumentOutOfRangeException(nameof(index));
        var position = index + 1;
        // The provider values EF's SQLite mapping produces (after value converters), bound as Microsoft.Data.Sqlite binds them.
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, position),
            string text => raw.sqlite3_bind_text(_statement, position, text),
            long number => raw.sqlite3_bind_int64(_statement, position, number),
            int number => raw.sqlite3_bind_int64(_statement, position, number),
            short number => raw.sqlite3_bind_int64(_statement, position, number),
            byte number => raw.sqlite3_bind_int64(_statement, position, number),
            bool flag => raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(_statement, position, real),
            float real => raw.sqlite3_bind_double(_statement, position, real),
            decimal exact => raw.sqlite3_bind_text(_statement, position, exact.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            byte[] blob => raw.sqlite3_bind_blob(_statement, position, blob),
            _ => throw new NotSupportedException($"No SQLite binding for a value of type {value.GetType().Name}."),
        };
        if (rc != raw.SQLITE_OK) throw Error(_connection, rc);
    }

    public override Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handle = _connection;
        var rc = raw.sqlite3_step(_statement);
        // Reset at once: a finished statement keeps no lock, and a failed one is ready for the next run.
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            var error = Error(handle, rc);
            raw.sqlite3_reset(_statement);
            throw error;
        }
        raw.sqlite3_reset(_statement);
        return Task.FromResult(raw.sqlite3_changes(handle));
    }

    /// <summary>Kept with the connection for its next write.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static SqliteException Error(sqlite3 handle, int rc) =>
        new(raw.sqlite3_errmsg(handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(handle));
}
