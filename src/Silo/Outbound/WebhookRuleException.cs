namespace CityMatrix.Silo.Outbound;

/// <summary>A refused webhook administration request; nothing was changed.</summary>
public sealed class WebhookRuleException(DomainError error, string message, string? field = null) : DomainException(error, message, field);
