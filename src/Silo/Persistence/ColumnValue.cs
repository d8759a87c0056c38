using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// How one mapped property's value is read and converted for its column, as EF writes it (<see cref="PreparedInserter{T}"/>,
/// <see cref="PreparedUpdater{T}"/>), looked up in the model once: they looked up the getter and the converter in the
/// model's annotations again for every value of every row, and a chunk writes thousands of values.
/// </summary>
internal sealed class ColumnValue(IProperty property)
{
    private readonly IClrPropertyGetter _getter = property.GetGetter();
    private readonly ValueConverter? _converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;

    public IProperty Property { get; } = property;

    /// <summary>The entity's value as EF would send it (after the value converter), DBNull for null.</summary>
    public object Of(object entity)
    {
        var value = _getter.GetClrValueUsingContainingEntity(entity);
        if (value is not null && _converter is not null) value = _converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}
