using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Cases;

/// <summary>Read-side questions answered from the cases table (grains answer per-case questions).</summary>
public sealed class CaseQueries(IDbContextFactory<CityMatrixDbContext> contexts)
{
    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Rated, CaseStatus.Merged];

    public async Task<IReadOnlyList<string>> OpenCaseIdsHeldByAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.AccountId == accountId && !Finished.Contains(c.Status))
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.CountAsync(cancellationToken);
    }
}
