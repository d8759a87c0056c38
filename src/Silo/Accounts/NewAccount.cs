namespace CityMatrix.Silo.Accounts;

public sealed record NewAccount(
    string Id,
    string DisplayName,
    AccountKind Kind,
    string? ParentId,
    string? BureauId,
    IReadOnlyList<string> Jurisdiction,
    IReadOnlyList<string> Competence,
    string? OfficialName = null);
