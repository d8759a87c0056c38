using System.Data.Common;

namespace CityMatrix.Silo.Persistence;

/// <summary>A <see cref="RowStatement"/> as an ADO command with one untyped parameter per name (PostgreSQL).</summary>
internal sealed class CommandRowStatement : RowStatement
{
    private readonly DbCommand _command;

    public CommandRowStatement(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<string> parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _command.Transaction = transaction;
        foreach (var name in parameterNames)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            _command.Parameters.Add(parameter);
        }
        // No explicit Prepare: Npgsql wants typed parameters for it.
    }

    public override void Set(int index, object? value) => _command.Parameters[index].Value = value ?? DBNull.Value;

    public override Task<int> ExecuteAsync(CancellationToken cancellationToken = default) => _command.ExecuteNonQueryAsync(cancellationToken);

    public override ValueTask DisposeAsync() => _command.DisposeAsync();
}
