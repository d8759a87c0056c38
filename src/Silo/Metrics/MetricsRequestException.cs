namespace CityMatrix.Silo.Metrics;

/// <summary>A metrics or ranking request that cannot be answered (bad value, unknown account, not allowed).</summary>
public sealed class MetricsRequestException(DomainError error, string message, string? field) : DomainException(error, message, field);
