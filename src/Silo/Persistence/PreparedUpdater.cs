using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
    private readonly IProperty[] _bound; // the SET values, then the key: the order of the parameters
    private readonly string _sql;

    public PreparedUpdater(CityMatrixDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        _key = [.. entity.FindPrimaryKey()!.Properties];
        _set = [.. entity.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsPrimaryKey())];
        _bound = [.. _set, .. _key];
        if (entity.FindProperty("Version") is not { IsConcurrencyToken: true })
            throw new InvalidOperationException($"{typeof(T).Name} has no Version concurrency token.");
        var sets = string.Join(", ", _set.Select((p, i) => $"\"{p.GetColumnName()}\" = @v{i}"));
        var keys = string.Join(" AND ", _key.Select((p, i) => $"\"{p.GetColumnName()}\" = @k{i}"));
        _sql = $"UPDATE \"{entity.GetTableName()}\" SET {sets} WHERE {keys} AND \"Version\" = @expected";
    }

    public DbCommand Prepare(CityMatrixDbContext db) =>
        PreparedCommands.Create(db, _sql, _set.Select((_, i) => $"@v{i}").Concat(_key.Select((_, i) => $"@k{i}")).Append("@expected"));

    /// <summary>Writes <paramref name="entity"/> (already carrying its new version) over the row stored at <paramref name="expectedVersion"/>.</summary>
    public async Task UpdateAsync(DbCommand command, T entity, long expectedVersion, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _bound.Length; i++) command.Parameters[i].Value = PreparedCommands.ProviderValue(_bound[i], entity);
        command.Parameters[_bound.Length].Value = expectedVersion;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new DbUpdateConcurrencyException($"{typeof(T).Name} was changed by another writer since it was read.");
    }
}
