namespace CityMatrix.Silo.Users;

public sealed class UserRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
