namespace CityMatrix.Silo.Persistence;

public static class StorageWriterExtensions
{
    /// <summary>
    /// From this many rows a write is worth a transaction (and a sync) of its own rather than a savepoint in a shared
    /// one: below it, the pages a savepoint copies cost less than a sync; a chunk of a few hundred posts is far above.
    /// </summary>
    public const int AloneFromRows = 64;

    /// <summary>A write of about <paramref name="rows"/> rows, queued alone when it is large (<see cref="AloneFromRows"/>).</summary>
    public static Task<T> WriteAsync<T>(this IStorageWriter writer, int rows, Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default) =>
        rows >= AloneFromRows ? writer.WriteAloneAsync(write, cancellationToken) : writer.WriteAsync(write, cancellationToken);
}
