namespace CityMatrix.Silo.Persistence;

public static class StorageWriterExtensions
{
    /// <summary>
    /// From this many rows a write runs without a savepoint, sharing a transaction only with other large writes (see
    /// <see cref="IStorageWriter.WriteAloneAsync{T}"/>): below it, the pages a savepoint copies cost less than the
    /// chance of a second run; a chunk of a few dozen posts, with its cases, timeline entries and search rows, is above.
    /// </summary>
    public const int AloneFromRows = 64;

    /// <summary>A write of about <paramref name="rows"/> rows, queued alone when it is large (<see cref="AloneFromRows"/>).</summary>
    public static Task<T> WriteAsync<T>(this IStorageWriter writer, int rows, Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default) =>
        rows >= AloneFromRows ? writer.WriteAloneAsync(write, cancellationToken) : writer.WriteAsync(write, cancellationToken);
}
