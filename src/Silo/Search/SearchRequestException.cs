namespace CityMatrix.Silo.Search;

/// <summary>A search request with a bad parameter (named by <see cref="DomainException.Field"/>): 400.</summary>
public sealed class SearchRequestException(string field, string message) : DomainException(DomainError.Invalid, message, field);
