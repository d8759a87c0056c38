namespace CityMatrix.Silo.Cases;

/// <summary>A case command was refused and the case was left exactly as it was.</summary>
public sealed class CaseRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
