using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Keeps EF's SELECT statements compiled with each native SQLite connection and runs them from there. EF makes a new
/// command for every query it runs, and Microsoft.Data.Sqlite compiles a new command's statement every time (and
/// drops it when the connection goes back to the pool): under ingestion that was ~8 % of the server's CPU, for the
/// same few statements. Here a reader for a SELECT whose text was seen before on this native connection is served by
/// <see cref="SqliteStatementReader"/> over the statement compiled the first time, with EF's parameter values bound
/// by position; EF materializes from it as from Microsoft.Data.Sqlite's reader.
/// <para>
/// Anything this cannot bind exactly as Microsoft.Data.Sqlite would (a value type it does not know, an explicit
/// SqliteType that differs from the value's own, more than one statement, a statement that writes) is left to
/// Microsoft.Data.Sqlite, unchanged.
/// </para>
/// <para>
/// Concurrency: a native connection is used by one thread at a time, so its cache is never touched by two at once.
/// A statement still being read (a query run again while its first reader is open) is not handed out a second time:
/// the second run goes the ordinary way. A statement is reset when its reader is disposed, so it holds no read
/// transaction between runs.
/// </para>
/// <para>
/// Hazard: a reader must be disposed before its connection closes (EF disposes every reader it opens, and so does our
/// own code). Microsoft.Data.Sqlite resets its own readers' statements at close; with a kept statement still mid-read
/// the close fails (SQLITE_BUSY, from unregistering EF's functions), loudly, and the native connection is not pooled
/// again (a test checks that no later context sees the old snapshot). EF closes a pooled context's connection without
/// telling interceptors, so this cannot reset the statement itself there.
/// </para>
/// </summary>
internal sealed class SqliteStatementCache : DbCommandInterceptor
{
    // By the native connection, not the SqliteConnection: the pool hands the native one to a new SqliteConnection at
    // every open, and closing a SqliteConnection drops the statements of its commands. When the native connection is
    // dropped, its statements are finalized by their handles (SQLite closes a connection once the last of them is).
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, CachedStatement?>> Cache = new();

    /// <summary>The one instance every SQLite context uses (it holds no state of its own: the cache is per native connection).</summary>
    public static SqliteStatementCache Shared { get; } = new();

    /// <summary>At most this many statements are kept per native connection; texts beyond it run the ordinary way.</summary>
    public const int MaxStatementsPerConnection = 256;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        result.HasResult ? result : Serve(command, eventData.CommandSource) is { } reader ? InterceptionResult<DbDataReader>.SuppressWithResult(reader) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Microsoft.Data.Sqlite's async calls complete synchronously too; this does the same work, inline.
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }

    /// <summary>
    /// Runs a command of our own (not EF's) that reads: through the statement kept for its text when it is a SQLite
    /// command this can serve, the ordinary way otherwise (PostgreSQL included).
    /// </summary>
    public static async Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken = default) =>
        Serve(command, CommandSource.Unknown) ?? await command.ExecuteReaderAsync(cancellationToken);

    private static SqliteStatementReader? Serve(DbCommand command, CommandSource source)
    {
        if (source == CommandSource.SaveChanges || command is not SqliteCommand { Connection.Handle: { } handle } sqlite) return null;
        var sql = sqlite.CommandText;
        if (!IsSelect(sql)) return null;
        var statements = Cache.GetOrCreateValue(handle);
        if (!statements.TryGetValue(sql, out var cached))
        {
            if (statements.Count >= MaxStatementsPerConnection) return null;
            statements[sql] = cached = CachedStatement.Compile(handle, sql);
        }
        if (cached is null || cached.InUse) return null;
        if (!cached.TryBind(sqlite.Parameters)) return null;
        return new SqliteStatementReader(handle, cached);
    }

    // EF's queries begin with SELECT (a WITH would too, but EF writes none); anything else is left alone unprepared.
    private static bool IsSelect(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How many statements are kept for this native connection (for tests).</summary>
    internal static int CachedOn(SqliteConnection connection) =>
        connection.Handle is { } handle && Cache.TryGetValue(handle, out var statements) ? statements.Values.Count(s => s is not null) : 0;

    // SQLITE_STMTSTATUS_RUN (SQLitePCL names no constant for it).
    private const int StatementStatusRun = 6;

    /// <summary>How many times the statement kept for this text on this native connection was run (SQLite's own count; for tests).</summary>
    internal static int RunsOf(SqliteConnection connection, string sql) =>
        connection.Handle is { } handle && Cache.TryGetValue(handle, out var statements) && statements.TryGetValue(sql, out var cached) && cached is not null
            ? raw.sqlite3_stmt_status(cached.Statement, StatementStatusRun, 0)
            : 0;
}
