using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Inserts entities of one EF-mapped type with ONE prepared INSERT built from the EF model (columns, value
/// converters), reused for every row: no change tracking, and on SQLite no statement compiled per row or per
/// write (an INSERT is compiled with its triggers, which costs more than running it; see <see cref="SqliteRowStatement"/>).
/// Rows and values are exactly what
/// EF would write; the mapped types have no database-generated columns. Used by batch ingestion on SQLite
/// and by the benches' bulk fills.
/// </summary>
public sealed class PreparedInserter<T> where T : class
{
    private readonly ColumnValue[] _properties;
    private readonly int _shadows;
    private readonly string[] _names;
    private readonly string _sql;

    /// <param name="shadow">Shadow properties to write too, after the others, with values the caller gives per row (the
    /// live number of an event numbered as it is inserted); any other shadow property is left to its column's default.</param>
    public PreparedInserter(CityMatrixDbContext db, IReadOnlyList<string>? shadow = null)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        shadow ??= [];
        _properties = [.. entity.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => new ColumnValue(p))];
        _shadows = shadow.Count;
        var columns = string.Join(", ", _properties.Select(p => p.Property.GetColumnName()).Concat(shadow.Select(name =>
            (entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}.")).GetColumnName())).Select(c => $"\"{c}\""));
        _names = [.. Enumerable.Range(0, _properties.Length + _shadows).Select(i => $"@v{i}")];
        _sql = $"INSERT INTO \"{entity.GetTableName()}\" ({columns}) VALUES ({string.Join(", ", _names)})";
    }

    public RowStatement Prepare(CityMatrixDbContext db) => RowStatement.For(db, _sql, _names);

    public Task InsertAsync(RowStatement statement, T entity, CancellationToken cancellationToken = default) =>
        InsertAsync(statement, entity, [], cancellationToken);

    /// <param name="shadowValues">The provider values of the shadow properties named at construction, in that order.</param>
    public async Task InsertAsync(RowStatement statement, T entity, IReadOnlyList<object?> shadowValues, CancellationToken cancellationToken = default)
    {
        if (shadowValues.Count != _shadows) throw new ArgumentException($"{_shadows} shadow values expected.", nameof(shadowValues));
        for (var i = 0; i < _properties.Length; i++) statement.Set(i, _properties[i].Of(entity));
        for (var i = 0; i < _shadows; i++) statement.Set(_properties.Length + i, shadowValues[i]);
        await statement.ExecuteAsync(cancellationToken);
    }
}
