using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Live;

/// <summary>
/// Numbers timeline entries for live delivery as the one SQLite writer inserts them (the chunk writes of batch
/// ingestion), and writes who each concerns (live_event_accounts) beside it. The bulk of the entries then never
/// needs the <see cref="LiveSequencer"/>'s rounds, which on the writer cost an UPDATE of every entry, its partial
/// index and a self-join of the timelines: at 5,000 posts a second, rounds of 15–46 ms every quarter second
/// (docs/PERFORMANCE.md).
///
/// Why this keeps the log's promise (readers see a gap-free prefix, each case's entries in order): on SQLite a write
/// transaction is the only one on the file, so the highest number read inside it stays the highest until it commits,
/// and its numbers become visible at once, with it. Entries committed earlier without a number (grain writes, which
/// the sequencer numbers after their commit) are numbered first, in the same transaction, so a case's entries appended
/// here never precede its older ones. Not for PostgreSQL, where writers overlap (see <see cref="LiveSequencer"/>).
/// </summary>
public sealed class SqliteLiveNumbering : IAsyncDisposable
{
    private const string AccountSql = "INSERT INTO live_event_accounts (\"AccountId\", \"LiveSeq\") VALUES (@a, @s)";

    private readonly RowStatement _accounts;
    private long _last;

    private SqliteLiveNumbering(RowStatement accounts, long last)
    {
        _accounts = accounts;
        _last = last;
    }

    /// <summary>Starts numbering in <paramref name="db"/>'s open write transaction, after every entry committed before it.</summary>
    public static async Task<SqliteLiveNumbering> StartAsync(CityMatrixDbContext db, CancellationToken cancellationToken)
    {
        // Both searches of the unique index on the number (its highest, and whether it holds a NULL): no scan.
        await using var look = db.Database.GetDbConnection().CreateCommand();
        look.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Live numbering needs the writer's open transaction.");
        look.CommandText = "SELECT coalesce((SELECT max(\"LiveSeq\") FROM case_events), 0), EXISTS (SELECT 1 FROM case_events WHERE \"LiveSeq\" IS NULL)";
        long last;
        bool pending;
        await using (var reader = await SqliteStatementCache.ExecuteReaderAsync(look, cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (last, pending) = (reader.GetInt64(0), reader.GetInt64(1) != 0);
        }
        if (pending) last = await LiveSequencer.NumberPendingAsync(db, cancellationToken);
        return new SqliteLiveNumbering(RowStatement.For(db, AccountSql, ["@a", "@s"]), last);
    }

    /// <summary>
    /// Numbers the entries of a case's <paramref name="timeline"/> (in Seq order, as a case holds it) from
    /// <paramref name="first"/> on, the next numbers in timeline order, and writes who each concerns: every actor and target
    /// on the timeline up to it (<see cref="LiveCaseEvents.AccountsUpTo"/>, walked once for the whole case). Returns the
    /// numbers, for the entries' own rows.
    /// </summary>
    public async Task<long[]> NumberAsync(IReadOnlyList<CaseEvent> timeline, int first, CancellationToken cancellationToken)
    {
        var numbers = new long[timeline.Count - first];
        var accounts = new List<string>(4);
        for (var i = 0; i < timeline.Count; i++)
        {
            LiveCaseEvents.AddConcerned(accounts, timeline[i].ActorAccountId, timeline[i].TargetAccountId);
            if (i < first) continue;
            var number = numbers[i - first] = ++_last;
            foreach (var account in accounts)
            {
                _accounts.Set(0, account);
                _accounts.Set(1, number);
                await _accounts.ExecuteAsync(cancellationToken);
            }
        }
        return numbers;
    }

    public ValueTask DisposeAsync() => _accounts.DisposeAsync();
}
