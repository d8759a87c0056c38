namespace CityMatrix.Silo.Search;

/// <summary>Collects the values of one SQL command and names them @p0, @p1, …</summary>
internal sealed class SqlParameters
{
    private readonly List<(string Name, object Value)> _values = [];

    public IReadOnlyList<(string Name, object Value)> Values => _values;

    /// <summary>Adds a value and returns its placeholder.</summary>
    public string Add(object value)
    {
        var name = $"@p{_values.Count}";
        _values.Add((name, value));
        return name;
    }
}
