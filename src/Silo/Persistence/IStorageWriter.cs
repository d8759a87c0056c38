namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Runs a write (one unit of work on a context) durably: the returned task completes only once the write
/// is committed. A write that throws leaves no trace; the exception reaches its caller.
/// </summary>
public interface IStorageWriter
{
    Task<T> WriteAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes once everything committed before the call is durable. A write's own task already waits for that;
    /// whoever answers "already stored" from a read calls this first (on SQLite a commit is visible to readers a few
    /// ms before its sync).
    /// </summary>
    Task WhenDurableAsync() => Task.CompletedTask;

    /// <summary>
    /// The same for a write that changes many rows at once (a chunk of posts, a batch of index updates): where
    /// writes share a transaction (SQLite), this one gets a transaction of its own instead of a savepoint in a
    /// shared one, which would copy every page it changes. Large writes queued together may share a transaction: if
    /// another of them throws, this one runs again in a transaction of its own, so it must only change the database
    /// (nothing a rollback would not undo) and be safe to run twice.
    /// </summary>
    Task<T> WriteAloneAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default) =>
        WriteAsync(write, cancellationToken);
}
