namespace CityMatrix.Silo.Cases;

/// <summary>An officer's or supervisor's inbox: cases held by <see cref="AccountIds"/>, filtered, earliest deadline first.</summary>
public sealed record InboxQuery(
    IReadOnlyCollection<string> AccountIds,
    IReadOnlyCollection<CaseStatus>? States = null,
    DateTimeOffset? DueBefore = null,
    string? Topic = null,
    string? RegionPrefix = null,
    int Limit = 50,
    int Offset = 0);
