using System.Text;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Metrics;

/// <summary>
/// Reads the metric counters (account_day_metrics). Rates and rankings come from here, never from the
/// cases table; only "overdue now" (it changes as time passes, with no write) and the breakdowns by place,
/// topic and category (the counters have no such dimension) read the cases, through their indexes.
/// </summary>
public sealed class MetricsStore(IDbContextFactory<CityMatrixDbContext> contexts, IOptions<StorageOptions> options)
{
    private const string Open = "c.\"Status\" NOT IN ('Closed', 'Rated', 'Merged')";
    private const string Attributed = "COALESCE(c.\"AnswerableAccountId\", c.\"ReceivedById\")";

    private readonly MetricsSql _sql = new(options.Value.Provider);

    /// <summary>
    /// Counter sums per account over <paramref name="range"/> (all time when null), for <paramref name="accounts"/>
    /// (all when null). Whole months are read from their month rows, so a month or a year costs a row per account and month.
    /// </summary>
    public Task<Dictionary<string, MetricCounts>> SumByAccountAsync(DayRange? range, IReadOnlyCollection<string>? accounts, CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var parameters = new SqlParameters();
            var sql = $"SELECT account_id, {MetricsSql.Sums()} FROM {CounterUpsert.Table}{Where(range, accounts, parameters)} GROUP BY account_id";
            var sums = new Dictionary<string, MetricCounts>(StringComparer.Ordinal);
            await using var command = MetricsSql.Command(db, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) sums[reader.GetString(0)] = MetricsSql.ReadCounts(reader, 1);
            return sums;
        }, cancellationToken);

    /// <summary>Counter sums per day of <paramref name="range"/> for <paramref name="accounts"/> (all when null); days without rows are absent.</summary>
    public Task<SortedDictionary<int, MetricCounts>> SumByDayAsync(DayRange range, IReadOnlyCollection<string>? accounts, CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var parameters = new SqlParameters();
            var sql = $"SELECT city_day, {MetricsSql.Sums()} FROM {CounterUpsert.Table}{DayRows(range, accounts, parameters)} GROUP BY city_day";
            var sums = new SortedDictionary<int, MetricCounts>();
            await using var command = MetricsSql.Command(db, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) sums[Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] = MetricsSql.ReadCounts(reader, 1);
            return sums;
        }, cancellationToken);

    /// <summary>Every counter row as stored (tests and the bench compare them with <see cref="MetricsRecomputation"/>).</summary>
    public Task<Dictionary<CounterKey, MetricCounts>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var sql = $"SELECT account_id, city_day, {string.Join(", ", MetricColumn.Names)} FROM {CounterUpsert.Table}";
            var rows = new Dictionary<CounterKey, MetricCounts>();
            await using var command = MetricsSql.Command(db, sql, new SqlParameters());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[new CounterKey(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))] = MetricsSql.ReadCounts(reader, 2);
            }
            return rows;
        }, cancellationToken);

    /// <summary>Open cases whose deadline has passed at <paramref name="now"/>, per account they count for (首接负责制).</summary>
    public Task<Dictionary<string, long>> OverdueByAccountAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var parameters = new SqlParameters();
            // The same terms as the partial index ix_cases_open_deadline, so the planner can use it.
            var sql = $"SELECT {Attributed}, count(*) FROM cases c WHERE {Open} AND c.\"Deadline\" IS NOT NULL AND c.\"Deadline\" < {parameters.Add(_sql.Time(now))} GROUP BY {Attributed}";
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var command = MetricsSql.Command(db, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt64(1);
            return counts;
        }, cancellationToken);

    /// <summary>
    /// The cases received in <paramref name="range"/> that count for <paramref name="accounts"/> (all when null),
    /// merged duplicates left out, grouped by <paramref name="by"/>: received, open, closed, overdue at <paramref name="now"/>.
    /// Keys only (names are the caller's business); a case without the attribute has the key "".
    /// </summary>
    public Task<List<BreakdownRow>> BreakdownAsync(DayRange range, BreakdownDimension by, IReadOnlyCollection<string>? accounts, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        MetricsSql.WithConnectionAsync(contexts, async db =>
        {
            var parameters = new SqlParameters();
            var key = by switch
            {
                BreakdownDimension.District => "CASE WHEN length(c.\"RegionCode\") >= 6 THEN substr(c.\"RegionCode\", 1, 6) END",
                BreakdownDimension.Topic => "c.\"Topic\"",
                _ => "c.\"Category\"",
            };
            var where = new StringBuilder()
                .Append($"c.\"ReceivedAt\" >= {parameters.Add(_sql.Time(range.Start))} AND c.\"ReceivedAt\" < {parameters.Add(_sql.Time(range.End))} AND c.\"Status\" <> 'Merged'");
            if (accounts is not null) where.Append(" AND ").Append(_sql.InSet(Attributed, accounts, parameters));
            var nowValue = parameters.Add(_sql.Time(now));
            var sql =
                $"SELECT {key}, count(*), " +
                "sum(CASE WHEN c.\"Status\" NOT IN ('Closed', 'Rated') THEN 1 ELSE 0 END), " +
                "sum(CASE WHEN c.\"Status\" IN ('Closed', 'Rated') THEN 1 ELSE 0 END), " +
                $"sum(CASE WHEN c.\"Status\" NOT IN ('Closed', 'Rated') AND c.\"Deadline\" < {nowValue} THEN 1 ELSE 0 END) " +
                $"FROM cases c WHERE {where} GROUP BY {key}";
            var rows = new List<BreakdownRow>();
            await using var command = MetricsSql.Command(db, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var value = reader.IsDBNull(0) ? "" : reader.GetString(0);
                rows.Add(new BreakdownRow(value, value, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
            return rows;
        }, cancellationToken);

    /// <summary>
    /// Rows of <paramref name="range"/>: month rows for the months it covers whole, day rows for the rest; every
    /// month row when the range is null (all time).
    /// </summary>
    private string Where(DayRange? range, IReadOnlyCollection<string>? accounts, SqlParameters parameters)
    {
        var terms = new List<string>();
        if (range is null) terms.Add("city_day % 100 = 0");
        else
        {
            var (months, days) = range.CounterKeys();
            var keys = days.Select(d => $"city_day BETWEEN {parameters.Add(d.From)} AND {parameters.Add(d.To)}").ToList();
            if (months.Count > 0) keys.Add($"city_day IN ({string.Join(", ", months.Select(m => parameters.Add(m)))})");
            terms.Add(keys.Count == 1 ? keys[0] : "(" + string.Join(" OR ", keys) + ")");
        }
        if (accounts is not null) terms.Add(_sql.InSet("account_id", accounts, parameters));
        return " WHERE " + string.Join(" AND ", terms);
    }

    /// <summary>Day rows only (never month rows) in the range.</summary>
    private string DayRows(DayRange range, IReadOnlyCollection<string>? accounts, SqlParameters parameters)
    {
        var where = $" WHERE city_day BETWEEN {parameters.Add(range.FromKey)} AND {parameters.Add(range.ToKey)} AND city_day % 100 <> 0";
        return accounts is null ? where : where + " AND " + _sql.InSet("account_id", accounts, parameters);
    }
}
