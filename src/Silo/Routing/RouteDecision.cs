namespace CityMatrix.Silo.Routing;

/// <summary>Where a case goes and why (the reason goes on the case timeline).</summary>
public sealed record RouteDecision(string AccountId, string Reason, string? RuleId, bool IsTriage);
