using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Metrics;

/// <summary>
/// Keeps the (account, day) counters in step with the cases, in each case write's own transaction: the
/// write adds (new contribution − stored contribution). The case row's version check makes the stored
/// contribution exactly the one in the database when the write commits, so by induction the counters
/// always equal the sum over stored cases, however many writers race (a lost race writes nothing and is
/// retried on the re-read state). Most commands (start, supervise, a follow-up post…) change no counter
/// and cost nothing here.
/// </summary>
public sealed class MetricCounterParticipant(IOptions<StorageOptions> options) : ICaseWriteParticipant
{
    // PostgreSQL keeps microseconds, SQLite our ticks: judge times at the precision they are stored at.
    private readonly long _tickPrecision = options.Value.Provider == StorageProvider.PostgreSql ? 10 : 1;

    public void Loaded(CaseState state) => state.StoredContribution = CaseMetrics.ContributionOf(state, _tickPrecision);

    public Func<CityMatrixDbContext, CancellationToken, Task>? Prepare(CaseState state)
    {
        var rows = CaseContribution.Difference(state.StoredContribution, CaseMetrics.ContributionOf(state, _tickPrecision));
        return rows.Count == 0 ? null : (db, token) => CounterUpsert.ExecuteAsync(db, rows, token);
    }

    /// <summary>Many cases' differences summed per row: one upsert for the whole write.</summary>
    public Func<CityMatrixDbContext, CancellationToken, Task>? PrepareAll(IReadOnlyList<CaseState> states)
    {
        var sum = new SortedDictionary<CounterKey, MetricCounts>();
        foreach (var state in states)
        {
            foreach (var (key, counts) in CaseContribution.Difference(state.StoredContribution, CaseMetrics.ContributionOf(state, _tickPrecision)))
            {
                if (!sum.TryGetValue(key, out var row)) sum[key] = row = new MetricCounts();
                row.Add(counts, 1);
            }
        }
        var rows = sum.Where(r => !r.Value.IsZero).ToList();
        return rows.Count == 0 ? null : (db, token) => CounterUpsert.ExecuteAsync(db, rows, token);
    }

    public void Written(CaseState state) => state.StoredContribution = CaseMetrics.ContributionOf(state, _tickPrecision);
}
