using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

/// <summary>Each write in its own context and transaction (PostgreSQL: the server already groups concurrent commits).</summary>
public sealed class DirectStorageWriter(IDbContextFactory<CityMatrixDbContext> contexts) : IStorageWriter
{
    public async Task<T> WriteAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await write(db, cancellationToken);
    }
}
