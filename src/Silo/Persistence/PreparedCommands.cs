using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityMatrix.Silo.Persistence;

/// <summary>What <see cref="PreparedInserter{T}"/> and <see cref="PreparedUpdater{T}"/> share: values as EF writes them.</summary>
internal static class PreparedCommands
{
    /// <summary>The property's value as EF would send it (after its value converter), DBNull for null.</summary>
    public static object ProviderValue(IProperty property, object entity)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(entity);
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}
