namespace CityMatrix.Silo.Routing;

public sealed class RoutingRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
