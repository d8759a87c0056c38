using CityMatrix.Silo.Search;

namespace CityMatrix.Api.Search;

/// <summary>GET /api/search's answer: the total over all pages, one page of hits, counts by facet.</summary>
public sealed record SearchView(int Total, IReadOnlyList<SearchHitView> Items, SearchFacets Facets)
{
    public static SearchView From(SearchResults results) =>
        new(results.Total, results.Items.Select(SearchHitView.From).ToList(), results.Facets);
}

/// <summary>One hit; <see cref="Snippet"/> and <see cref="ReplySnippet"/> are HTML (escaped text, matches in &lt;em&gt;).</summary>
public sealed record SearchHitView(
    string Kind,
    string Id,
    string Snippet,
    string? ReplySnippet,
    string? CaseId,
    string? State,
    string? Category,
    string? Topic,
    string? RegionCode,
    DateTimeOffset At,
    double Score)
{
    public static SearchHitView From(SearchHit hit) =>
        new(SqlSearchIndex.KindName(hit.Kind), hit.Id, hit.Snippet, hit.ReplySnippet, hit.CaseId, hit.State?.ToString(),
            hit.Category, hit.Topic, hit.RegionCode, hit.At, hit.Score);
}
