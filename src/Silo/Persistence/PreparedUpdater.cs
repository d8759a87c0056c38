using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// The UPDATE EF writes for a modified entity with a <c>Version</c> concurrency token (every mapped column set, the
/// row found by its key AND the version read), as ONE prepared statement reused for every row: the counterpart of
/// <see cref="PreparedInserter{T}"/> for the stored cases a batch changes. A row whose version moved on updates
/// nothing and throws <see cref="DbUpdateConcurrencyException"/>, as EF would.
/// </summary>
public sealed class PreparedUpdater<T> where T : class
{
    private readonly IProperty[] _set;
    private readonly IProperty[] _key;
    private readonly string _sql;

    public PreparedUpdater(CityMatrixDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        _key = [.. entity.FindPrimaryKey()!.Properties];
        _set = [.. entity.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsPrimaryKey())];
        if (entity.FindProperty("Version") is not { IsConcurrencyToken: true })
            throw new InvalidOperationException($"{typeof(T).Name} has no Version concurrency token.");
        var sets = string.Join(", ", _set.Select((p, i) => $"\"{p.GetColumnName()}\" = @v{i}"));
        var keys = string.Join(" AND ", _key.Select((p, i) => $"\"{p.GetColumnName()}\" = @k{i}"));
        _sql = $"UPDATE \"{entity.GetTableName()}\" SET {sets} WHERE {keys} AND \"Version\" = @expected";
    }

    public DbCommand Prepare(CityMatrixDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = _sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var name in _set.Select((_, i) => $"@v{i}").Concat(_key.Select((_, i) => $"@k{i}")).Append("@expected"))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Writes <paramref name="entity"/> (already carrying its new version) over the row stored at <paramref name="expectedVersion"/>.</summary>
    public async Task UpdateAsync(DbCommand command, T entity, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var i = 0;
        foreach (var property in _set.Concat(_key)) command.Parameters[i++].Value = ProviderValue(property, entity);
        command.Parameters[i].Value = expectedVersion;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new DbUpdateConcurrencyException($"{typeof(T).Name} was changed by another writer since it was read.");
    }

    private static object ProviderValue(IProperty property, T entity)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}
