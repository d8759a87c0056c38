namespace CityMatrix.Silo.Accounts;

/// <summary>The levels of the matrix (domain.md §1), top to bottom.</summary>
public enum AccountKind
{
    SuperSupervisor,
    Manager,
    DistrictGovernment,
    CityBureau,
    BureauBranch,
    Street,
    Community,
    Enterprise,
    Media,
}
