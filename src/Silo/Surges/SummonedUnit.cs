namespace CityMatrix.Silo.Surges;

/// <summary>A unit suggested for 约谈, with how many of the surge's cases it answers for.</summary>
public sealed record SummonedUnit(string AccountId, string DisplayName, int Cases);
