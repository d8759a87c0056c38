using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMatrix.Silo.Persistence;

/// <summary>What <see cref="PreparedInserter{T}"/> and <see cref="PreparedUpdater{T}"/> share: the command, and values as EF writes them.</summary>
internal static class PreparedCommands
{
    /// <summary>A command on the context's connection and transaction with one untyped parameter per name.</summary>
    public static DbCommand Create(CityMatrixDbContext db, string sql, IEnumerable<string> parameterNames)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        // No explicit Prepare (Npgsql wants typed parameters for it): Microsoft.Data.Sqlite compiles the statement
        // on the first execution and keeps it for the command's later ones.
        return command;
    }

    /// <summary>The property's value as EF would send it (after its value converter), DBNull for null.</summary>
    public static object ProviderValue(IProperty property, object entity)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}
