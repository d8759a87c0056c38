namespace CityMatrix.Silo.Sla;

public sealed class SlaRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
