using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Reads numbered timeline entries as live events: the relay's feed, a reconnecting client's missed events,
/// a snapshot's recent list. A scope filter runs in the database with the same rule as live delivery
/// (<see cref="LiveCaseEvents.AccountsUpTo"/>: an account of the scope acted or was targeted on the case's
/// timeline up to the entry), through the live_event_accounts rows the sequencer wrote with each number.
/// </summary>
public sealed class LiveTimeline(IDbContextFactory<CityMatrixDbContext> contexts)
{
    /// <summary>The highest number given so far (0 before any).</summary>
    public async Task<long> LastSeqAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CaseEvents.MaxAsync(e => EF.Property<long?>(e, CityMatrixDbContext.LiveSeq), cancellationToken) ?? 0;
    }

    /// <summary>Entries numbered in (<paramref name="after"/>, <paramref name="upTo"/>] that the scope sees, oldest or newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<LiveEvent>> ReadAsync(long after, long upTo, LiveScope scope, int limit, bool newestFirst = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.CaseEvents.AsNoTracking()
            .Where(e => EF.Property<long?>(e, CityMatrixDbContext.LiveSeq) > after && EF.Property<long?>(e, CityMatrixDbContext.LiveSeq) <= upTo);
        if (scope.Accounts is { } accounts)
        {
            // Through live_event_accounts (account, number): one index range per account of the scope.
            var list = accounts.ToList();
            var concerned = db.LiveEventAccounts.Where(a => list.Contains(a.AccountId) && a.LiveSeq > after && a.LiveSeq <= upTo)
                .Select(a => a.LiveSeq).Distinct();
            concerned = newestFirst ? concerned.OrderByDescending(n => n) : concerned.OrderBy(n => n);
            var numbers = (await concerned.Take(limit).ToListAsync(cancellationToken)).Cast<long?>().ToList();
            if (numbers.Count == 0) return [];
            entries = entries.Where(e => numbers.Contains(EF.Property<long?>(e, CityMatrixDbContext.LiveSeq)));
        }
        var rows = entries.Join(db.Cases, e => e.CaseId, c => c.Id, (e, c) => new
        {
            LiveSeq = EF.Property<long?>(e, CityMatrixDbContext.LiveSeq)!.Value,
            Entry = e,
            c.RegionCode,
            c.Category,
            c.Topic,
            c.Urgency,
        });
        rows = newestFirst ? rows.OrderByDescending(r => r.LiveSeq) : rows.OrderBy(r => r.LiveSeq);
        var page = await rows.Take(limit).ToListAsync(cancellationToken);
        if (page.Count == 0) return [];

        // Who each entry concerns: the actors and targets of its case's timeline up to it (short timelines).
        var caseIds = page.Select(r => r.Entry.CaseId).Distinct().ToList();
        var timelines = (await db.CaseEvents.AsNoTracking()
                .Where(p => caseIds.Contains(p.CaseId))
                .Select(p => new { p.CaseId, p.Seq, p.ActorAccountId, p.TargetAccountId })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.CaseId, p => (p.Seq, p.ActorAccountId, p.TargetAccountId));
        return page.Select(r => LiveCaseEvents.ToLiveEvent(r.LiveSeq, r.Entry, new LiveCaseEvents.CaseFacts(r.RegionCode, r.Category, r.Topic, r.Urgency),
            LiveCaseEvents.AccountsUpTo(timelines[r.Entry.CaseId], r.Entry.Seq))).ToList();
    }
}
