namespace CityMatrix.Silo.Persistence;

/// <summary>
/// How a SQLite connection waits for the write lock another connection holds. Microsoft.Data.Sqlite answers
/// SQLITE_BUSY by sleeping 150 ms before each retry, so any writer that met another one (the group-commit
/// writer, Quartz's job store, the search catch-up…) waited at least 150 ms: that sleep was the ingestion p99.
/// SQLite's own busy handler, set by this pragma on every connection, retries after 1, 2, 5, 10… ms and gets
/// the lock within a few ms of its release; the driver's loop stays only as the fallback after the timeout.
/// </summary>
public static class SqliteBusyWait
{
    /// <summary>The same 30 s as the connections' Default Timeout (the driver's own limit).</summary>
    public const int TimeoutMilliseconds = 30_000;

    public static readonly string Pragma = $"PRAGMA busy_timeout={TimeoutMilliseconds};";
}
