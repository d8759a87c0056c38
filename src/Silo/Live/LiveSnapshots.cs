using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Builds <see cref="LiveSnapshot"/>s. Counts are over the cases held by an account of the scope (the
/// inbox view; everything for an unrestricted scope), each one indexed query: open and overdue through
/// (AccountId, Status) or (Status, Deadline); today's intake through ReceivedAt; closed today through
/// ClosedAt. Days are calendar days in Yinchuan (UTC+8).
/// </summary>
public sealed class LiveSnapshots(IDbContextFactory<CityMatrixDbContext> contexts, LiveTimeline timeline, TimeProvider time)
{
    public const int DefaultRecent = 50;

    /// <summary>
    /// The recent list looks this far back in the city-wide log for the scope's events, which bounds the cost
    /// of a snapshot for a narrow scope (a few days of the whole city's events).
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
        if (scope.Accounts is { } accounts)
        {
            var holders = accounts.ToList();
            cases = cases.Where(c => holders.Contains(c.AccountId));
        }
        var open = await cases.CountAsync(c => Open.Contains(c.Status), cancellationToken);
        var overdue = await cases.CountAsync(c => Open.Contains(c.Status) && c.Deadline != null && c.Deadline < now, cancellationToken);
        var intake = await cases.CountAsync(c => c.ReceivedAt >= dayStart, cancellationToken);
        var closed = await cases.CountAsync(c => c.ClosedAt >= dayStart && Finished.Contains(c.Status), cancellationToken);
        return new LiveSnapshot(seq, now, dayStart, open, overdue, intake, closed, events);
    }

    /// <summary>Midnight in Yinchuan of the day <paramref name="now"/> falls in.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset now)
    {
        var local = now.ToOffset(CityOffset);
        return new DateTimeOffset(local.Date, CityOffset).ToUniversalTime();
    }
}
