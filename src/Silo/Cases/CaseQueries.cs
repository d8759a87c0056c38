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

    /// <summary>The citizen's most recent open case on this topic (or category, when there is no topic) since <paramref name="since"/>.</summary>
    public async Task<CaseState?> OpenCaseOfCitizenAsync(string citizenId, string category, string? topic, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.CitizenId == citizenId && c.ReceivedAt >= since && !Finished.Contains(c.Status))
            .Where(c => topic != null ? c.Topic == topic : c.Category == category && c.Topic == null)
            .OrderByDescending(c => c.ReceivedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The first open case of another citizen about the same topic in the same place since <paramref name="since"/>.</summary>
    public async Task<CaseState?> IncidentRootAsync(string citizenId, string topic, string regionCode, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.Topic == topic && c.RegionCode == regionCode && c.CitizenId != citizenId && c.ReceivedAt >= since && !Finished.Contains(c.Status))
            .OrderBy(c => c.ReceivedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.CountAsync(cancellationToken);
    }
}
