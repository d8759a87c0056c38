using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Sla;

/// <summary>Read-side questions about clocks, answered from the cases table (no grain calls, so safe from observers and jobs).</summary>
public sealed class SlaQueries(IDbContextFactory<CityMatrixDbContext> contexts)
{
    private static readonly CaseStatus[] Running = [CaseStatus.Forwarded, CaseStatus.Accepted, CaseStatus.InProgress, CaseStatus.Replied];
    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Rated, CaseStatus.Merged];

    /// <summary>The case rows (without timelines) of these ids; missing ids are absent.</summary>
    public async Task<IReadOnlyDictionary<string, CaseState>> LoadAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return new Dictionary<string, CaseState>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wanted = ids.ToList();
        return await db.Cases.AsNoTracking().Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    /// <summary>Ids of cases whose clocks may run, in id order after <paramref name="afterId"/>: the reconciler's pages.</summary>
    public async Task<IReadOnlyList<string>> WithClocksAsync(string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking()
            .Where(c => c.ForwardedAt != null && Running.Contains(c.Status) && (c.Deadline != null || c.FirstResponseDue != null));
        if (afterId is not null) cases = cases.Where(c => string.Compare(c.Id, afterId) > 0);
        return await cases.OrderBy(c => c.Id).Select(c => c.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The 问责 list: open cases at 督办 level 3, earliest escalation first.</summary>
    public async Task<IReadOnlyList<AccountabilityEntry>> AccountabilityAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.SupervisionLevel >= SlaClocks.MaxLevel && !Finished.Contains(c.Status))
            .ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToList();
        // Few rows (level-3 entries of level-3 cases): aggregated here, as SQLite stores instants as converted ticks.
        var escalated = (await db.CaseEvents.AsNoTracking()
                .Where(e => ids.Contains(e.CaseId) && e.Action == CaseAction.Supervise && e.SupervisionLevel >= SlaClocks.MaxLevel)
                .Select(e => new { e.CaseId, e.At })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.CaseId)
            .ToDictionary(g => g.Key, g => g.Min(e => e.At));
        return cases
            .Select(c => new AccountabilityEntry(c.Id, c.Status, c.Category, c.Topic, c.RegionCode, c.AccountId, c.AnswerableAccountId, c.FirstReceiverId,
                c.FirstResponseDue, c.Deadline, c.SupervisionLevel, escalated.TryGetValue(c.Id, out var at) ? at : null))
            .OrderBy(e => e.EscalatedAt ?? DateTimeOffset.MaxValue).ThenBy(e => e.CaseId, StringComparer.Ordinal)
            .ToList();
    }
}
