namespace CityMatrix.Silo.Search;

/// <summary>Adds up the grouped (category, topic, state, district) counts into one count per facet value.</summary>
internal sealed class FacetCounter
{
    private readonly Dictionary<string, int> _category = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _topic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _state = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _district = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public void Add(string? category, string? topic, string? state, string? district, int count)
    {
        Total += count;
        Count(_category, category, count);
        Count(_topic, topic, count);
        Count(_state, state, count);
        Count(_district, district, count);
    }

    public SearchFacets ToFacets() => new(Sorted(_category), Sorted(_topic), Sorted(_state), Sorted(_district));

    private static void Count(Dictionary<string, int> counts, string? value, int count)
    {
        if (string.IsNullOrEmpty(value)) return;
        counts[value] = counts.GetValueOrDefault(value) + count;
    }

    /// <summary>Largest first, then by name, so the JSON reads like a facet list.</summary>
    private static IReadOnlyDictionary<string, int> Sorted(Dictionary<string, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
