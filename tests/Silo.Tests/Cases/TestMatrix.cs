using CityMatrix.Silo.Accounts;

namespace CityMatrix.Silo.Tests.Cases;

/// <summary>A small matrix for rule tests: manager, super-supervisor, one district down to a community, a bureau with a branch.</summary>
public sealed class TestMatrix : IAccountSource
{
    public static readonly AccountState[] Accounts =
    [
        Account("wzyc", AccountKind.Manager, null),
        Account("jiwei", AccountKind.SuperSupervisor, null),
        Account("district-a", AccountKind.DistrictGovernment, "wzyc"),
        Account("district-b", AccountKind.DistrictGovernment, "wzyc"),
        Account("street-a", AccountKind.Street, "district-a"),
        Account("street-b", AccountKind.Street, "district-b"),
        Account("community-a", AccountKind.Community, "street-a"),
        Account("bureau-x", AccountKind.CityBureau, "wzyc"),
        Account("branch-x-a", AccountKind.BureauBranch, "district-a", bureau: "bureau-x"),
        Account("closed-unit", AccountKind.Street, "district-a", active: false),
    ];

    public static async Task<AccountDirectory> DirectoryAsync()
    {
        var directory = new AccountDirectory(new TestMatrix());
        await directory.RefreshAsync();
        return directory;
    }

    public Task<IReadOnlyList<AccountState>> LoadAllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AccountState>>(Accounts.Select(a => a.Copy()).ToList());

    private static AccountState Account(string id, AccountKind kind, string? parent, string? bureau = null, bool active = true) => new()
    {
        Id = id,
        DisplayName = "@" + id,
        Kind = kind,
        ParentId = parent,
        BureauId = bureau,
        Active = active,
    };
}
