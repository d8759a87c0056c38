namespace CityMatrix.Silo.Alerts;

/// <summary>An alert was refused for a single reason (not allowed, unknown, duplicate); nothing was stored or sent.</summary>
public sealed class AlertRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
