using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Surges;

/// <summary>
/// Checks case_counts against the cases table (the source of truth) and repairs it. Both are read in one
/// snapshot (a read transaction: WAL snapshot on SQLite, REPEATABLE READ on PostgreSQL), and a repair adds the
/// differences as increments, so cases committed meanwhile — counted by the triggers — are neither lost nor doubled.
/// </summary>
public sealed class CaseCountReconciler(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer)
{
    /// <summary>One bucket whose stored count differs from the cases: <see cref="Expected"/> is what the cases say.</summary>
    public sealed record Difference(string Topic, DateOnly Day, string RegionCode, int Hour, int Stored, int Expected);

    public async Task<IReadOnlyList<Difference>> DifferencesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var start = CityDays.StartOf(from);
        var end = CityDays.StartOf(to.AddDays(1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // A read-only snapshot of both tables. On SQLite a deferred transaction, whose first read fixes the WAL
        // snapshot and which never takes the write lock (Microsoft.Data.Sqlite's default BEGIN IMMEDIATE would
        // stall the group-commit writer); on PostgreSQL REPEATABLE READ.
        await using System.Data.Common.DbTransaction transaction = db.Database.IsSqlite()
            ? ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true)
            : await db.Database.GetDbConnection().BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => new { c.Topic, c.Category, c.RegionCode, c.ReceivedAt })
            .ToListAsync(cancellationToken);
        var stored = await db.CaseCounts.AsNoTracking().Where(c => c.Day >= from && c.Day <= to).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.Database.UseTransactionAsync(null, cancellationToken);

        var expected = cases
            .GroupBy(c => (Topic: c.Topic ?? c.Category, Day: CityDays.DayOf(c.ReceivedAt), Region: SurgeRegions.BucketOf(c.RegionCode), Hour: CityDays.HourOf(c.ReceivedAt)))
            .ToDictionary(g => g.Key, g => g.Count());
        var actual = stored.ToDictionary(c => (c.Topic, c.Day, Region: c.RegionCode, c.Hour), c => c.Count);
        return expected.Keys.Union(actual.Keys)
            .Select(k => new Difference(k.Topic, k.Day, k.Region, k.Hour, actual.GetValueOrDefault(k), expected.GetValueOrDefault(k)))
            .Where(d => d.Stored != d.Expected)
            .OrderBy(d => d.Day).ThenBy(d => d.Hour).ThenBy(d => d.Topic, StringComparer.Ordinal).ThenBy(d => d.RegionCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Makes case_counts agree with the cases for [from, to]; returns the buckets it corrected.</summary>
    public async Task<IReadOnlyList<Difference>> RepairAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var differences = await DifferencesAsync(from, to, cancellationToken);
        if (differences.Count == 0) return differences;
        await writer.WriteAsync(async (db, token) =>
        {
            // The group-commit writer (SQLite) already runs this in a transaction; the direct writer does not.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(token) : null;
            foreach (var d in differences)
            {
                var delta = d.Expected - d.Stored;
                // Relative updates: an increment by a trigger since the snapshot stays counted.
                var updated = await db.CaseCounts
                    .Where(c => c.Topic == d.Topic && c.Day == d.Day && c.RegionCode == d.RegionCode && c.Hour == d.Hour)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + delta), token);
                if (updated == 0) db.CaseCounts.Add(new CaseCount { Topic = d.Topic, Day = d.Day, RegionCode = d.RegionCode, Hour = d.Hour, Count = delta });
            }
            await db.SaveChangesAsync(token);
            await db.CaseCounts.Where(c => c.Day >= from && c.Day <= to && c.Count <= 0).ExecuteDeleteAsync(token);
            if (transaction is not null) await transaction.CommitAsync(token);
            return differences.Count;
        }, cancellationToken);
        return differences;
    }
}
