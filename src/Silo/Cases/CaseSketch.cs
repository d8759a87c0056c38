namespace CityMatrix.Silo.Cases;

/// <summary>The few columns of a case that duplicate and incident detection look at.</summary>
public sealed record CaseSketch(
    string Id, string CitizenId, string Category, string? Topic, string? RegionCode, DateTimeOffset ReceivedAt, string? IncidentId);
