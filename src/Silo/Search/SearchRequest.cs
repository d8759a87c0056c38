using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Search;

/// <summary>
/// A parsed, validated search: the query and its filters. <paramref name="AccountIds"/> is the subtree of
/// the account filter (cases held by it or below), already expanded; <paramref name="RegionPrefix"/> a
/// region code prefix (a district's code covers its streets and communities). <paramref name="To"/> is exclusive.
/// </summary>
public sealed record SearchRequest(
    SearchQuery Query,
    SearchKind? Kind = null,
    IReadOnlyList<CaseStatus>? States = null,
    IReadOnlyCollection<string>? AccountIds = null,
    string? RegionPrefix = null,
    string? Category = null,
    string? Topic = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = SearchRequest.DefaultLimit,
    int Offset = 0)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;
}
