namespace CityMatrix.Silo.Search;

/// <summary>
/// One part of a query: words that must all occur (<see cref="IsPhrase"/> false), or occur next to each
/// other in this order (a quoted phrase). Tokens are normalised (<see cref="SearchTokens.Normalize"/>).
/// </summary>
public sealed record SearchClause(IReadOnlyList<string> Tokens, bool IsPhrase);
