namespace CityMatrix.Silo.Seed;

/// <summary>The levels of the account matrix (docs: domain.md section 1), top to bottom.</summary>
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
