using SQLitePCL;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Process-wide SQLite settings. SQLite takes them only before its first connection opens, so storage registration
/// applies them; in a process that opened a connection before (a test run with many hosts) the first state stands.
/// </summary>
internal static class SqliteProcessConfiguration
{
    private static int _applied;

    /// <summary>
    /// Memory statistics off: with them on, every allocation SQLite makes takes one process-wide mutex to count it, and
    /// under ingestion the readers, the writer and the search index contend for it (`perf`: futex wake-ups from
    /// sqlite3Malloc). Nothing here reads the statistics (no soft heap limit). Off, the server used ~10 % less CPU per
    /// post at 5,000 posts/s (docs/PERFORMANCE.md).
    /// </summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1) return;
        Batteries_V2.Init();
        // SQLITE_MISUSE when a connection has opened already: nothing to undo, the statistics stay on.
        raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    /// <summary>Whether SQLite counts its memory in this process (it reports 0 in use when it does not).</summary>
    public static bool CountsMemory => raw.sqlite3_memory_used() > 0;
}
