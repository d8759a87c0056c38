using System.Diagnostics;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Metrics.Bench;

/// <summary>
/// Fills a store fast: a thousand generated cases (rows and timelines, raw prepared inserts) per transaction, with their counter
/// contributions (<see cref="CaseMetrics"/>, the same function the live write path uses) summed and applied
/// with the same upsert (<see cref="CounterUpsert"/>) in that transaction. Leaves out the outbox rows the live
/// path also writes (they play no part in the metrics). Batches are built in parallel, written by
/// <paramref name="writers"/> at a time (SQLite has one writer anyway).
/// </summary>
public static class BulkCaseWriter
{
    private const int Batch = 1_000;

    public static async Task<double> WriteAsync(IDbContextFactory<CityMatrixDbContext> contexts, CaseGenerator generator, int first, int count, int writers, long tickPrecision)
    {
        var gate = new SemaphoreSlim(writers);
        var next = first / Batch - 1;
        var end = first + count;
        var written = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount) + writers).Select(_ => Task.Run(async () =>
        {
            for (var b = Interlocked.Increment(ref next); b * Batch < end; b = Interlocked.Increment(ref next))
            {
                var cases = new List<CaseState>(Batch);
                for (var i = Math.Max(b * Batch, first); i < Math.Min((b + 1) * Batch, end); i++)
                {
                    if (i % 50 == 49) continue;
                    var survivor = generator.Make(i);
                    cases.Add(survivor);
                    if (i % 50 == 48 && i + 1 < end) cases.Add(generator.MergedDuplicate(survivor, i + 1) ?? generator.Make(i + 1));
                }
                var counters = new Dictionary<CounterKey, MetricCounts>();
                foreach (var state in cases)
                {
                    state.Version = 1;
                    foreach (var (key, counts) in CaseMetrics.ContributionOf(state, tickPrecision).Rows)
                    {
                        if (!counters.TryGetValue(key, out var row)) counters[key] = row = new MetricCounts();
                        row.Add(counts);
                    }
                }
                await gate.WaitAsync();
                try
                {
                    await WriteBatchAsync(contexts, cases, counters.OrderBy(c => c.Key).ToList());
                }
                finally
                {
                    gate.Release();
                }
                var done = Interlocked.Add(ref written, cases.Count);
                if (done / 50_000 != (done - cases.Count) / 50_000) Console.Error.WriteLine($"  {done:N0} cases, {done / watch.Elapsed.TotalSeconds:F0}/s");
            }
        })));
        return written / watch.Elapsed.TotalSeconds;
    }

    private static async Task WriteBatchAsync(IDbContextFactory<CityMatrixDbContext> contexts, List<CaseState> cases, List<KeyValuePair<CounterKey, MetricCounts>> counters)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;"); // 256 MB: the fill touches indexes all over
        await using var transaction = await db.Database.BeginTransactionAsync();
        var caseRows = new PreparedInserter<CaseState>(db);
        var eventRows = new PreparedInserter<CaseEvent>(db);
        await using (var insertCase = caseRows.Prepare(db))
        await using (var insertEvent = eventRows.Prepare(db))
        {
            foreach (var state in cases.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                await caseRows.InsertAsync(insertCase, state);
                foreach (var entry in state.Timeline) await eventRows.InsertAsync(insertEvent, entry);
            }
        }
        foreach (var chunk in counters.Chunk(500)) await CounterUpsert.ExecuteAsync(db, chunk, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
