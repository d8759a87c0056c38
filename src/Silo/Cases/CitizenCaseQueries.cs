using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Cases;

/// <summary>A citizen's own cases, newest first: what the citizen page lists to follow, rate or reopen.</summary>
public sealed class CitizenCaseQueries(IDbContextFactory<CityMatrixDbContext> contexts)
{
    public const int MaxLimit = 100;

    public async Task<IReadOnlyList<CaseState>> OfCitizenAsync(string citizenId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.CitizenId == citizenId)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Take(Math.Clamp(limit, 1, MaxLimit))
            .ToListAsync(cancellationToken);
    }
}
