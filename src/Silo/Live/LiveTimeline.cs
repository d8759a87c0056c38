using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Reads numbered timeline entries as live events: the relay's feed, a reconnecting client's missed events,
/// a snapshot's recent list. A scope filter runs in the database with the same rule as live delivery
/// (<see cref="LiveCaseEvents.AccountsUpTo"/>: an account of the scope acted or was targeted on the case's
/// timeline up to the entry): through the live_event_accounts rows the sequencer wrote with each number for a
/// narrow scope, by walking the log for a wide one.
/// </summary>
public sealed class LiveTimeline(IDbContextFactory<CityMatrixDbContext> contexts)
{
    /// <summary>Scopes up to this many accounts are read through live_event_accounts; wider ones by walking the log.</summary>
    public const int FewAccounts = 16;

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
        if (scope.Accounts is { Count: <= FewAccounts } few)
        {
            // A narrow scope (an officer's accounts) through live_event_accounts: one index range per account,
            // instead of walking the city's log for the few entries that concern it.
            var list = few.ToList();
            var concerned = db.LiveEventAccounts.Where(a => list.Contains(a.AccountId) && a.LiveSeq > after && a.LiveSeq <= upTo)
                .Select(a => a.LiveSeq).Distinct();
            concerned = newestFirst ? concerned.OrderByDescending(n => n) : concerned.OrderBy(n => n);
            var numbers = (await concerned.Take(limit).ToListAsync(cancellationToken)).Cast<long?>().ToList();
            if (numbers.Count == 0) return [];
            entries = entries.Where(e => numbers.Contains(EF.Property<long?>(e, CityMatrixDbContext.LiveSeq)));
        }
        else if (scope.Accounts is { } many)
        {
            // A wide scope (a district, a bureau) is dense in the log: walk it in number order and stop at the
            // limit, checking each entry's timeline prefix (a primary-key range) against the scope.
            var list = many.Cast<string?>().ToList();
            entries = entries.Where(e => db.CaseEvents.Any(p => p.CaseId == e.CaseId && p.Seq <= e.Seq
                && (list.Contains(p.ActorAccountId) || list.Contains(p.TargetAccountId))));
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
