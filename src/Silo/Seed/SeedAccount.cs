using CityMatrix.Silo.Accounts;

namespace CityMatrix.Silo.Seed;

/// <summary>
/// One account of the seed matrix, as stored in yinchuan-matrix.json.
/// ParentId is the horizontal chain (community → street → district → manager);
/// BureauId the vertical one (a district branch → its city bureau, an enterprise → its regulator).
/// Jurisdiction holds region codes (6401, a district, street or community code);
/// Competence holds category and topic names from docs/TOPICS.md.
/// </summary>
public sealed record SeedAccount
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>The unit's official name, when the seed knows it.</summary>
    public string? Name { get; init; }
    public required AccountKind Kind { get; init; }
    public string? ParentId { get; init; }
    public string? BureauId { get; init; }
    public IReadOnlyList<string> Jurisdiction { get; init; } = [];
    public IReadOnlyList<string> Competence { get; init; } = [];
    public bool Active { get; init; } = true;
}
