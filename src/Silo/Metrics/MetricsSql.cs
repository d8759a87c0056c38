using System.Data.Common;
using System.Text.Json;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Metrics;

/// <summary>The few places where the metric queries differ between SQLite and PostgreSQL, and command plumbing.</summary>
internal sealed class MetricsSql(StorageProvider provider)
{
    public bool IsPostgres => provider == StorageProvider.PostgreSql;

    /// <summary>"expression IN the set", the set passed as one parameter (JSON array on SQLite, text[] on PostgreSQL).</summary>
    public string InSet(string expression, IReadOnlyCollection<string> values, SqlParameters parameters) => IsPostgres
        ? $"{expression} = ANY({parameters.Add(values.ToArray())})"
        : $"{expression} IN (SELECT value FROM json_each({parameters.Add(JsonSerializer.Serialize(values))}))";

    /// <summary>A time as the provider stores it (SQLite: UTC ticks; PostgreSQL: timestamptz).</summary>
    public object Time(DateTimeOffset at) => IsPostgres ? at.ToUniversalTime() : at.UtcTicks;

    /// <summary>sum(c) AS c for every counter column.</summary>
    public static string Sums(string prefix = "") => string.Join(", ", MetricColumn.Names.Select(n => $"sum({prefix}{n})"));

    public static DbCommand Command(CityMatrixDbContext db, string sql, SqlParameters parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters.Values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Reads <see cref="MetricColumn.Count"/> counters starting at column <paramref name="first"/>.</summary>
    public static MetricCounts ReadCounts(DbDataReader reader, int first)
    {
        var counts = new MetricCounts();
        for (var i = 0; i < MetricColumn.Count; i++)
        {
            counts[i] = reader.IsDBNull(first + i) ? 0 : Convert.ToInt64(reader.GetValue(first + i), System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    public static async Task<T> WithConnectionAsync<T>(IDbContextFactory<CityMatrixDbContext> contexts, Func<CityMatrixDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await read(db);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
