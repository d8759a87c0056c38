using CityMatrix.Silo.Grains;

namespace CityMatrix.Silo.Accounts;

/// <summary>One account of the matrix, keyed by account id.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>A copy of the state, or null when no such account exists.</summary>
    Task<AccountState?> GetAsync();

    Task<AccountState> CreateAsync(NewAccount account);

    Task<AccountState> RenameAsync(string displayName);

    Task<AccountState> MoveAsync(string? newParentId);

    Task<AccountState> DeactivateAsync();

    Task<AccountState> ReactivateAsync();

    /// <summary>A case was forwarded to this account.</summary>
    Task RecordCaseReceivedAsync();

    /// <summary>A case this account held left it (closed, forwarded onward, returned, merged).</summary>
    Task RecordCaseReleasedAsync();
}
