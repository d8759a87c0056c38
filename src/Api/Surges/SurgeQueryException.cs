using CityMatrix.Silo;

namespace CityMatrix.Api.Surges;

/// <summary>A bad query parameter of the surge, hotspot or report endpoints: 400 naming it.</summary>
public sealed class SurgeQueryException(string field, string message) : DomainException(DomainError.Invalid, message, field);
