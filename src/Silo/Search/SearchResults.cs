namespace CityMatrix.Silo.Search;

/// <summary>A page of hits, the total over all pages, and counts by facet over the same query and filters.</summary>
public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Items, SearchFacets Facets);

/// <summary>
/// Counts by value; a missing value (a post with no case has no state) is not counted. District is the
/// 6-digit prefix of the region code (a city-level code has none).
/// </summary>
public sealed record SearchFacets(
    IReadOnlyDictionary<string, int> Category,
    IReadOnlyDictionary<string, int> Topic,
    IReadOnlyDictionary<string, int> State,
    IReadOnlyDictionary<string, int> District);
