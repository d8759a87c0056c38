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
    private readonly IProperty[] _properties;
    private readonly string _sql;

    public PreparedInserter(CityMatrixDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        // Shadow properties (the live sequence number of an event) are left to the column's default (NULL: an
        // event is numbered after its commit).
        _properties = [.. entity.GetProperties().Where(p => !p.IsShadowProperty())];
        var table = entity.GetTableName();
        var columns = string.Join(", ", _properties.Select(p => $"\"{p.GetColumnName()}\""));
        var values = string.Join(", ", _properties.Select((_, i) => $"@v{i}"));
        _sql = $"INSERT INTO \"{table}\" ({columns}) VALUES ({values})";
    }

    public RowStatement Prepare(CityMatrixDbContext db) => RowStatement.For(db, _sql, [.. _properties.Select((_, i) => $"@v{i}")]);

    public async Task InsertAsync(RowStatement statement, T entity, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _properties.Length; i++) statement.Set(i, PreparedCommands.ProviderValue(_properties[i], entity));
        await statement.ExecuteAsync(cancellationToken);
    }
}
