namespace CityMatrix.Silo;

/// <summary>
/// A refused domain operation. Nothing was changed. The API maps <see cref="Error"/> to a status code
/// and <see cref="Field"/> to the ProblemDetails field at fault.
/// </summary>
public abstract class DomainException(DomainError error, string message, string? field) : Exception(message)
{
    public DomainError Error { get; } = error;
    public string? Field { get; } = field;

    /// <summary>Every fault by field, for ProblemDetails' "errors" map.</summary>
    public virtual IReadOnlyDictionary<string, string[]> Errors =>
        Field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [Field] = [Message] };
}
