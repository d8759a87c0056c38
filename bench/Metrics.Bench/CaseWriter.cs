using System.Diagnostics;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;

namespace CityMatrix.Metrics.Bench;

/// <summary>
/// Writes generated cases through the case grain storage, the live write path (row, timeline, outbox, search
/// trigger and, unless switched off, the counter upsert in the same transaction), from many writers at once.
/// Every 50th case is a duplicate merged into the case before it.
/// </summary>
public static class CaseWriter
{
    public static async Task<double> WriteAsync(IGrainStorage<CaseState> storage, CaseGenerator generator, int first, int count, int concurrency, bool progress)
    {
        var next = first - 1;
        var end = first + count;
        var written = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < end; i = Interlocked.Increment(ref next))
            {
                if (i % 50 == 49) continue; // written with case i - 1
                var survivor = generator.Make(i);
                await WriteOneAsync(storage, survivor);
                var done = Interlocked.Increment(ref written);
                if (i % 50 == 48 && i + 1 < end)
                {
                    await WriteOneAsync(storage, generator.MergedDuplicate(survivor, i + 1) ?? generator.Make(i + 1));
                    done = Interlocked.Increment(ref written);
                }
                if (progress && done % 50_000 == 0) Console.Error.WriteLine($"  {done:N0} cases, {done / watch.Elapsed.TotalSeconds:F0}/s");
            }
        })));
        return written / watch.Elapsed.TotalSeconds;
    }

    private static Task WriteOneAsync(IGrainStorage<CaseState> storage, CaseState state) =>
        storage.WriteStateAsync(state.Id, new GrainState<CaseState>(state));
}
