namespace CityMatrix.Silo.Accounts;

/// <summary>An account operation was refused; <see cref="Field"/> names the input at fault.</summary>
public sealed class AccountRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
