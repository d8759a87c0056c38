using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Outbound;

/// <summary>The public feed: every official reply (a case.replied event), newest first, with its case.</summary>
public sealed class FeedQueries(IDbContextFactory<CityMatrixDbContext> contexts, AccountDirectory accounts)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<FeedPage> PageAsync(FeedCursor? before, int limit, string? accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var replies = db.OutboundEvents.AsNoTracking().Where(e => e.Type == OutboundEventTypes.Replied);
        if (accountId is not null) replies = replies.Where(e => e.AccountId == accountId);
        if (before is { } cursor)
        {
            var at = cursor.At;
            var id = cursor.EventId;
            replies = replies.Where(e => e.At < at || (e.At == at && string.Compare(e.Id, id) < 0));
        }
        // Order and keyset comparison both run in the database, so they agree under its collation.
        var events = await replies.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var caseIds = events.Select(e => e.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var items = events.Take(limit).Where(e => cases.ContainsKey(e.CaseId)).Select(e => ItemOf(e, cases[e.CaseId])).ToList();
        var next = events.Count > limit ? new FeedCursor(events[limit - 1].At, events[limit - 1].Id).Encode() : null;
        return new FeedPage(items, next);
    }

    private FeedItem ItemOf(OutboundEvent reply, CaseState @case) => new(
        reply.Id, @case.Id, @case.Category, @case.Topic, @case.RegionCode,
        new FeedAccount(reply.AccountId, accounts.Find(reply.AccountId)?.DisplayName),
        @case.Text, reply.Text ?? "", reply.At, @case.Status,
        @case is { Solved: { } solved, Satisfied: { } satisfied } ? new FeedRating(solved, satisfied) : null);
}
