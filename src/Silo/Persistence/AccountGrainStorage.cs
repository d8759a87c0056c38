using CityMatrix.Silo.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

public sealed class AccountGrainStorage(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer)
    : EfGrainStorage<AccountState>(contexts, writer), IAccountSource
{
    private readonly IDbContextFactory<CityMatrixDbContext> _contexts = contexts;

    protected override long GetVersion(AccountState state) => state.Version;

    protected override void SetVersion(AccountState state, long version) => state.Version = version;

    protected override Task<AccountState?> LoadAsync(CityMatrixDbContext db, string key, CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == key, cancellationToken);

    public async Task<IReadOnlyList<AccountState>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }
}
