using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Gives every committed timeline entry its <c>LiveSeq</c>, a gap-free number in the order the entries
/// became visible, identical for every process on the database. That is what lets a reconnecting client
/// ask for "everything after N" and get exactly what it missed.
///
/// Why after the commit and not in the case write: a sequence value taken inside concurrent PostgreSQL
/// transactions is handed out in start order but becomes visible in commit order, so a reader could see 12
/// before 11 commits and skip 11 for ever. Numbering instead happens in short transactions of its own,
/// serialised across processes by an advisory lock: each run numbers exactly the entries committed before it
/// (oldest first), so readers always see a prefix of the numbers. Case writes never wait for it.
/// On SQLite the run goes through the group-commit writer (one writer, so no lock is needed), and ingestion's chunk
/// writes number their own entries as they insert them (<see cref="SqliteLiveNumbering"/>): what is left here is the
/// grain writes' (officers' actions).
///
/// Woken by <see cref="LiveCaseObserver"/> after each case commit of this process, and every
/// <see cref="Interval"/> for entries that another process committed but did not get to number (it crashed).
/// </summary>
public sealed class LiveSequencer(
    IDbContextFactory<CityMatrixDbContext> contexts,
    IStorageWriter writer,
    IOptions<StorageOptions> options,
    LiveCaseRelay relay,
    AlertNode node,
    SiloReadiness readiness,
    TimeProvider time,
    ILogger<LiveSequencer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Entries numbered per statement; a backlog takes several rounds.</summary>
    public const int Batch = 2000;

    /// <summary>A round that numbered at least this many entries means ingestion is busy (see <see cref="BusyPause"/>).</summary>
    public const int BusyRound = 100;

    /// <summary>
    /// The pause after a busy round before the next one. Rounds follow every case commit, and each has fixed costs on the
    /// one SQLite writer (the look-up of the highest number, the window over the entries to number, a write of its own):
    /// under ingestion of thousands of posts a second those costs, paid dozens of times a second, were about a third of
    /// the latency of a post (docs/PERFORMANCE.md). Pausing after a busy round lets the next one number all that came
    /// meanwhile at once; live delivery is then at most this much later. A quiet round (a single officer's action) is
    /// followed by no pause, so an action still shows at once. On PostgreSQL the pause only spaces the rounds out.
    /// </summary>
    public static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(250);

    private const long AdvisoryLockKey = 0x43_4D_4C_49_56; // "CMLIV"

    // One statement for both databases (SQLite ≥ 3.33 has UPDATE … FROM). Entries found together are ordered by
    // time; the key is the running maximum of the time along each case's timeline, so a clock step backwards
    // can never put a case's entry before its predecessor.
    private const string NumberSql =
        "UPDATE case_events SET \"LiveSeq\" = {0} + n.rn FROM (" +
        "SELECT cid, s, row_number() OVER (ORDER BY k, cid, s) AS rn FROM (" +
        "SELECT \"CaseId\" AS cid, \"Seq\" AS s, max(\"At\") OVER (PARTITION BY \"CaseId\" ORDER BY \"Seq\" ROWS UNBOUNDED PRECEDING) AS k " +
        "FROM case_events WHERE \"LiveSeq\" IS NULL) AS u ORDER BY k, cid, s LIMIT {1}) AS n " +
        "WHERE case_events.\"CaseId\" = n.cid AND case_events.\"Seq\" = n.s";

    // Who each newly numbered entry concerns: every actor and target on its case's timeline up to it
    // (LiveCaseEvents.AccountsUpTo, as SQL). UNION removes the repeats.
    private const string AccountsSql =
        "INSERT INTO live_event_accounts (\"AccountId\", \"LiveSeq\") " +
        "SELECT p.\"ActorAccountId\", e.\"LiveSeq\" FROM case_events e JOIN case_events p ON p.\"CaseId\" = e.\"CaseId\" AND p.\"Seq\" <= e.\"Seq\" " +
        "WHERE e.\"LiveSeq\" > {0} AND e.\"LiveSeq\" <= {1} AND p.\"ActorAccountId\" IS NOT NULL " +
        "UNION " +
        "SELECT p.\"TargetAccountId\", e.\"LiveSeq\" FROM case_events e JOIN case_events p ON p.\"CaseId\" = e.\"CaseId\" AND p.\"Seq\" <= e.\"Seq\" " +
        "WHERE e.\"LiveSeq\" > {0} AND e.\"LiveSeq\" <= {1} AND p.\"TargetAccountId\" IS NOT NULL";

    private readonly WakeSignal _wake = new();
    private readonly bool _postgres = options.Value.Provider == StorageProvider.PostgreSql;

    /// <summary>Asks for a round soon (cheap; many pokes make one round).</summary>
    public void Poke() => _wake.Poke();

    /// <summary>Numbers everything committed so far; returns the highest number given (0 when none was needed).</summary>
    public async Task<long> SequenceAsync(CancellationToken cancellationToken = default) => (await SequenceRoundsAsync(cancellationToken)).Highest;

    /// <summary>Numbers everything committed so far: the highest number given (0 when none) and how many entries were numbered.</summary>
    private async Task<(long Highest, int Numbered)> SequenceRoundsAsync(CancellationToken cancellationToken)
    {
        long last = 0;
        var total = 0;
        while (true)
        {
            var (highest, numbered) = _postgres ? await NumberOnPostgresAsync(cancellationToken) : await writer.WriteAsync(NumberAsync, cancellationToken);
            if (numbered > 0) last = highest;
            total += numbered;
            if (numbered < Batch) return (last, total);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            _wake.Poke();
            await Task.WhenAll(TickAsync(stoppingToken), RunAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) _wake.Poke();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await _wake.WaitAsync(stoppingToken);
            try
            {
                var (highest, numbered) = await SequenceRoundsAsync(stoppingToken);
                if (highest > 0) relay.Poke();
                if (numbered >= BusyRound) await Task.Delay(BusyPause, time, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Numbering case events for live delivery failed; the next commit or tick retries");
            }
        }
    }

    private async Task<(long Highest, int Numbered)> NumberOnPostgresAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Released at commit, after the numbers are visible: the next run's max() sees them.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        var result = await NumberAsync(db, cancellationToken);
        if (result.Numbered > 0)
        {
            // Delivered to the other processes on commit, in commit order.
            var payload = LiveSignal.Sequenced(node.Id, result.Highest);
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({LiveSignal.Channel}, {payload})", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<(long Highest, int Numbered)> NumberAsync(CityMatrixDbContext db, CancellationToken cancellationToken)
    {
        var highest = await db.CaseEvents.MaxAsync(e => EF.Property<long?>(e, CityMatrixDbContext.LiveSeq), cancellationToken) ?? 0;
        var numbered = await db.Database.ExecuteSqlRawAsync(NumberSql, [highest, Batch], cancellationToken);
        if (numbered > 0) await RecordAccountsAsync(db, highest, highest + numbered, cancellationToken);
        return (highest + numbered, numbered);
    }

    /// <summary>
    /// Numbers, in the caller's write transaction, every entry committed without a number so far; returns the highest
    /// number then given. For a writer about to number its own entries after them (<see cref="SqliteLiveNumbering"/>).
    /// </summary>
    internal static async Task<long> NumberPendingAsync(CityMatrixDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (highest, numbered) = await NumberAsync(db, cancellationToken);
            if (numbered < Batch) return highest;
        }
    }

    /// <summary>Writes live_event_accounts for the entries numbered in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public static Task<int> RecordAccountsAsync(CityMatrixDbContext db, long after, long upTo, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlRawAsync(AccountsSql, [after, upTo], cancellationToken);
}
