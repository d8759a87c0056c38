namespace CityMatrix.Silo;

public enum DomainError
{
    /// <summary>The input is malformed or out of range (400).</summary>
    Invalid,
    /// <summary>The actor may not do this (403).</summary>
    Forbidden,
    /// <summary>The addressed thing does not exist (404).</summary>
    NotFound,
    /// <summary>The thing exists but its current state does not allow this (409).</summary>
    Conflict,
}
