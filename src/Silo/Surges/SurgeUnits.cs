using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Surges;

/// <summary>
/// Who to summon (约谈) for a surge: the units answerable (首接负责) for most of its cases that day — the
/// answerable unit, else the first receiver, else the holder. The manager and the super-supervisors (triage,
/// oversight) are never suggested.
/// </summary>
public sealed class SurgeUnits(IDbContextFactory<CityMatrixDbContext> contexts, AccountDirectory accounts)
{
    public async Task<List<SummonedUnit>> ForAsync(SurgeKey key, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await CasesOf(db, key)
            .GroupBy(c => c.AnswerableAccountId ?? c.FirstReceiverId ?? c.AccountId)
            .Select(g => new { AccountId = g.Key, Cases = g.Count() })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => accounts.Find(r.AccountId) is not { Kind: AccountKind.Manager or AccountKind.SuperSupervisor })
            .OrderByDescending(r => r.Cases).ThenBy(r => r.AccountId, StringComparer.Ordinal)
            .Take(limit)
            .Select(r => new SummonedUnit(r.AccountId, accounts.Find(r.AccountId)?.DisplayName ?? r.AccountId, r.Cases))
            .ToList();
    }

    /// <summary>The cases a surge counts: opened that city day, of that topic (or category), in that district (or anywhere).</summary>
    public static IQueryable<Cases.CaseState> CasesOf(CityMatrixDbContext db, SurgeKey key)
    {
        var start = CityDays.StartOf(key.Day);
        var end = start.AddDays(1);
        var topic = key.Topic;
        var cases = db.Cases.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end && (c.Topic ?? c.Category) == topic);
        if (key.RegionCode == SurgeRegions.City) return cases;
        var district = key.RegionCode;
        return cases.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(district));
    }
}
