namespace CityMatrix.Silo.Search;

/// <summary>What a search result is; the lower-case name is the stored and public form.</summary>
public enum SearchKind
{
    Post,
    Case,
}
