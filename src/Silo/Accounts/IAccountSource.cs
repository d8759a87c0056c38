namespace CityMatrix.Silo.Accounts;

/// <summary>Reads every stored account (the directory's source of truth).</summary>
public interface IAccountSource
{
    Task<IReadOnlyList<AccountState>> LoadAllAsync(CancellationToken cancellationToken = default);
}
