using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Metrics;

/// <summary>
/// The counters recomputed from the cases table and timeline (the views of migration 0010), for checking
/// the live counters and as the bench's peer. Slow by design: it reads every case in range.
/// </summary>
public sealed class MetricsRecomputation(IDbContextFactory<CityMatrixDbContext> contexts, IOptions<StorageOptions> options)
{
    private readonly MetricsSql _sql = new(options.Value.Provider);

    /// <summary>Every counter row as it must be (rows of all zeros left out).</summary>
    public Task<Dictionary<CounterKey, MetricCounts>> AllRowsAsync(CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var sql = $"SELECT account_id, city_day, {string.Join(", ", MetricColumn.Names)} FROM account_day_metrics_recomputed";
            var rows = new Dictionary<CounterKey, MetricCounts>();
            await using var command = MetricsSql.Command(db, sql, new SqlParameters());
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var counts = MetricsSql.ReadCounts(reader, 2);
                if (!counts.IsZero) rows[new CounterKey(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))] = counts;
            }
            return rows;
        }, cancellationToken);

    /// <summary>
    /// Per account, the cohort counters of the cases received in <paramref name="range"/>, straight from the
    /// cases (the closures column, which is keyed by closing day, stays 0).
    /// </summary>
    public Task<Dictionary<string, MetricCounts>> CohortByAccountAsync(DayRange range, CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var parameters = new SqlParameters();
            var columns = MetricColumn.Names.Select((name, i) => i switch
            {
                MetricColumn.Closures => "0",
                >= MetricColumn.FirstCloseBucket => $"sum(CASE WHEN close_bucket = {i - MetricColumn.FirstCloseBucket} THEN 1 ELSE 0 END)",
                _ => $"sum({name})",
            });
            var sql = $"SELECT account_id, {string.Join(", ", columns)} FROM case_metric_facts " +
                $"WHERE received_at >= {parameters.Add(_sql.Time(range.Start))} AND received_at < {parameters.Add(_sql.Time(range.End))} GROUP BY account_id";
            var sums = new Dictionary<string, MetricCounts>(StringComparer.Ordinal);
            await using var command = MetricsSql.Command(db, sql, parameters);
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) sums[reader.GetString(0)] = MetricsSql.ReadCounts(reader, 1);
            return sums;
        }, cancellationToken);
}
