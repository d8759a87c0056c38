using CityMatrix.Silo.Accounts;

namespace CityMatrix.Api.Accounts;

public sealed record AddAccountRequest(
    string? Id,
    string? DisplayName,
    string? OfficialName,
    AccountKind? Kind,
    string? ParentId,
    string? BureauId,
    List<string>? Jurisdiction,
    List<string>? Competence);

public sealed record RenameAccountRequest(string? DisplayName);

public sealed record MoveAccountRequest(string? ParentId);

public sealed record DeactivationResult(AccountState Account, IReadOnlyList<string> ReassignedCaseIds);
