namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Runs a write (one unit of work on a context) durably: the returned task completes only once the write
/// is committed. A write that throws leaves no trace; the exception reaches its caller.
/// </summary>
public interface IStorageWriter
{
    Task<T> WriteAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default);
}
