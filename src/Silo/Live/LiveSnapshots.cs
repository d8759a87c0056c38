using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Builds <see cref="LiveSnapshot"/>s. Counts are over the cases held by an account of the scope (the inbox
/// view; everything for an unrestricted scope). Days are calendar days in Yinchuan (UTC+8).
/// Each count is driven by the index that keeps it small whatever the scope: today's intake and closures by
/// ReceivedAt / ClosedAt (the day's cases of the whole city, filtered here); open and overdue by
/// (AccountId, Status) for a few accounts, else per holder from the covering (Status, Deadline, AccountId)
/// index and summed here — an IN list of a district's 170 accounts would make the database walk every case
/// those accounts ever held.
/// </summary>
public sealed class LiveSnapshots(IDbContextFactory<CityMatrixDbContext> contexts, LiveTimeline timeline, TimeProvider time)
{
    public const int DefaultRecent = 50;

    /// <summary>
    /// The recent list looks this far back in the city-wide log for the scope's events, which bounds the cost
    /// of a snapshot for a wide scope (a few days of the whole city's events).
    /// </summary>
    public const long RecentWindow = 50_000;

    public static readonly TimeSpan CityOffset = TimeSpan.FromHours(8);

    private static readonly CaseStatus[] Open =
        [.. Enum.GetValues<CaseStatus>().Where(s => s is not (CaseStatus.Closed or CaseStatus.Rated or CaseStatus.Merged))];

    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Rated];

    public async Task<LiveSnapshot> TakeAsync(LiveScope scope, int recent = DefaultRecent, CancellationToken cancellationToken = default)
    {
        var seq = await timeline.LastSeqAsync(cancellationToken);
        var events = recent <= 0 ? [] : await timeline.ReadAsync(Math.Max(0, seq - RecentWindow), seq, scope, recent, newestFirst: true, cancellationToken);
        var now = time.GetUtcNow();
        var dayStart = DayStart(now);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking();
        if (scope.Accounts is not { } accounts)
        {
            return new LiveSnapshot(seq, now, dayStart,
                await cases.CountAsync(c => Open.Contains(c.Status), cancellationToken),
                await cases.CountAsync(c => Open.Contains(c.Status) && c.Deadline != null && c.Deadline < now, cancellationToken),
                await cases.CountAsync(c => c.ReceivedAt >= dayStart, cancellationToken),
                (await ClosedTodayAsync(cases, dayStart, cancellationToken)).Count,
                events);
        }

        int open, overdue;
        if (accounts.Count <= LiveTimeline.FewAccounts)
        {
            var holders = accounts.ToList();
            var held = cases.Where(c => holders.Contains(c.AccountId) && Open.Contains(c.Status));
            open = await held.CountAsync(cancellationToken);
            overdue = await held.CountAsync(c => c.Deadline != null && c.Deadline < now, cancellationToken);
        }
        else
        {
            var perHolder = await cases.Where(c => Open.Contains(c.Status)).GroupBy(c => c.AccountId)
                .Select(g => new { Holder = g.Key, Open = g.Count(), Overdue = g.Count(c => c.Deadline != null && c.Deadline < now) })
                .ToListAsync(cancellationToken);
            open = perHolder.Where(h => accounts.Contains(h.Holder)).Sum(h => h.Open);
            overdue = perHolder.Where(h => accounts.Contains(h.Holder)).Sum(h => h.Overdue);
        }
        var receivedBy = await cases.Where(c => c.ReceivedAt >= dayStart).Select(c => c.AccountId).ToListAsync(cancellationToken);
        var closedBy = await ClosedTodayAsync(cases, dayStart, cancellationToken);
        return new LiveSnapshot(seq, now, dayStart, open, overdue, receivedBy.Count(accounts.Contains), closedBy.Count(accounts.Contains), events);
    }

    /// <summary>
    /// Holders of the cases closed since <paramref name="dayStart"/> and still closed. The status is checked here:
    /// with it in the query, SQLite (no statistics) prefers the status index, and nearly every case is closed.
    /// </summary>
    private static async Task<List<string>> ClosedTodayAsync(IQueryable<CaseState> cases, DateTimeOffset dayStart, CancellationToken cancellationToken) =>
        (await cases.Where(c => c.ClosedAt >= dayStart).Select(c => new { c.AccountId, c.Status }).ToListAsync(cancellationToken))
            .Where(c => Finished.Contains(c.Status)).Select(c => c.AccountId).ToList();

    /// <summary>Midnight in Yinchuan of the day <paramref name="now"/> falls in.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset now)
    {
        var local = now.ToOffset(CityOffset);
        return new DateTimeOffset(local.Date, CityOffset).ToUniversalTime();
    }
}
