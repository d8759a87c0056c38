namespace CityMatrix.Silo.Search;

/// <summary>Full-text search over posts and cases: SQLite FTS5 or PostgreSQL tsvector, per Storage:Provider.</summary>
public interface ISearchIndex
{
    /// <summary>Brings the index up to date with every committed post and case text, then searches within <paramref name="scope"/>.</summary>
    Task<SearchResults> SearchAsync(SearchRequest request, SearchScope scope, CancellationToken cancellationToken = default);

    /// <summary>Indexes what was committed since the last catch-up (new posts, new or changed case texts); returns how many documents it (re)made.</summary>
    Task<int> CatchUpAsync(CancellationToken cancellationToken = default);

    /// <summary>How often the background loop (<see cref="SearchCatchUpService"/>) catches up between searches.</summary>
    TimeSpan CatchUpInterval { get; }
}
