namespace CityMatrix.Silo.Cases;

/// <summary>
/// Who acts: a person (<see cref="UserId"/>) acting for an account of the matrix, or a citizen
/// (no account), or the system itself (sweeps, escalations).
/// </summary>
public sealed record CaseActor(string? AccountId, string UserId)
{
    public const string SystemUser = "system";

    public static CaseActor Citizen(string citizenId) => new(null, citizenId);

    public static CaseActor System(string? accountId = null) => new(accountId, SystemUser);

    public bool IsSystem => UserId == SystemUser;
}
