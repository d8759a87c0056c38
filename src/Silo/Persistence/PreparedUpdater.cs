using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// The version-checked UPDATE EF writes for a modified entity with a <c>Version</c> concurrency token (the columns
/// that changed set, the row found by its key AND the version read), the counterpart of <see cref="PreparedInserter{T}"/>
/// for the stored cases a batch changes. One prepared statement per set of changed columns, reused for every row
/// with that set (a batch of posts joining cases changes the same few columns each time). A row whose version moved
/// on updates nothing and throws <see cref="DbUpdateConcurrencyException"/>, as EF would.
/// </summary>
public sealed class PreparedUpdater<T> where T : class
{
    private readonly ColumnValue[] _set;
    private readonly ColumnValue[] _key;
    private readonly string _table;
    private readonly ulong _version; // the Version column's bit: always set, so a statement never has an empty SET

    public PreparedUpdater(CityMatrixDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        _key = [.. entity.FindPrimaryKey()!.Properties.Select(p => new ColumnValue(p))];
        _set = [.. entity.GetProperties().Where(p => !p.IsShadowProperty() && !p.IsPrimaryKey()).Select(p => new ColumnValue(p))];
        if (_set.Length > 64) throw new InvalidOperationException($"{typeof(T).Name} has more than 64 columns to set.");
        if (entity.FindProperty("Version") is not { IsConcurrencyToken: true } version)
            throw new InvalidOperationException($"{typeof(T).Name} has no Version concurrency token.");
        _version = 1UL << Array.FindIndex(_set, c => c.Property == version);
        _table = entity.GetTableName()!;
    }

    /// <summary>Updates on the context's connection and transaction; dispose when the write is over.</summary>
    public Updates Begin(CityMatrixDbContext db) => new(this, db);

    public sealed class Updates(PreparedUpdater<T> updater, CityMatrixDbContext db) : IAsyncDisposable
    {
        // By the set of changed columns (bit i = updater._set[i]).
        private readonly Dictionary<ulong, (RowStatement Statement, int[] Columns)> _statements = [];

        /// <summary>
        /// Writes the columns of <paramref name="entity"/> (already carrying its new version) that differ from
        /// <paramref name="stored"/>, over the row stored at <paramref name="expectedVersion"/>.
        /// </summary>
        public async Task UpdateAsync(T entity, T stored, long expectedVersion, CancellationToken cancellationToken = default)
        {
            var set = updater._set;
            var values = new object[set.Length];
            var changed = updater._version;
            for (var i = 0; i < set.Length; i++)
            {
                values[i] = set[i].Of(entity);
                if (!Equals(values[i], set[i].Of(stored))) changed |= 1UL << i;
            }
            if (!_statements.TryGetValue(changed, out var prepared)) _statements[changed] = prepared = Prepare(changed);
            var (statement, columns) = prepared;
            for (var i = 0; i < columns.Length; i++) statement.Set(i, values[columns[i]]);
            for (var i = 0; i < updater._key.Length; i++) statement.Set(columns.Length + i, updater._key[i].Of(entity));
            statement.Set(columns.Length + updater._key.Length, expectedVersion);
            if (await statement.ExecuteAsync(cancellationToken) != 1)
                throw new DbUpdateConcurrencyException($"{typeof(T).Name} was changed by another writer since it was read.");
        }

        private (RowStatement, int[]) Prepare(ulong changed)
        {
            int[] columns = [.. Enumerable.Range(0, updater._set.Length).Where(i => (changed & (1UL << i)) != 0)];
            var sets = string.Join(", ", columns.Select((c, i) => $"\"{updater._set[c].Property.GetColumnName()}\" = @v{i}"));
            var keys = string.Join(" AND ", updater._key.Select((p, i) => $"\"{p.Property.GetColumnName()}\" = @k{i}"));
            var sql = $"UPDATE \"{updater._table}\" SET {sets} WHERE {keys} AND \"Version\" = @expected";
            var names = columns.Select((_, i) => $"@v{i}").Concat(updater._key.Select((_, i) => $"@k{i}")).Append("@expected");
            return (RowStatement.For(db, sql, [.. names]), columns);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (statement, _) in _statements.Values) await statement.DisposeAsync();
        }
    }
}
