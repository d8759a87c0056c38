namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Where SQLite keeps its temporary files: in memory. A statement inside a transaction that can fail half-way (an
/// insert whose triggers write the search index and counters, a version-checked update) keeps a statement journal of
/// the pages it changes, and past 64 KB the default spills it to an unlinked file in /var/tmp. Under batch ingestion
/// that file took nearly all the server's writes (about a hundred KB per post, each a write syscall), far more than
/// the WAL itself. The journal is never needed after a crash (the WAL is what makes a commit durable), so memory is
/// the right place; it is bounded by the pages one statement changes.
/// </summary>
public static class SqliteTempStore
{
    public const string Pragma = "PRAGMA temp_store=MEMORY;";
}
