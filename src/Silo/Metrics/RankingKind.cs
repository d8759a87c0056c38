using CityMatrix.Silo.Accounts;

namespace CityMatrix.Silo.Metrics;

/// <summary>Who is ranked against whom, as Beijing ranks its districts and its streets/towns monthly.</summary>
public enum RankingKind
{
    /// <summary>District and county governments (区县).</summary>
    District,
    /// <summary>Streets and towns (街道/乡镇).</summary>
    Street,
    /// <summary>City bureaus (市直部门), with their branches and enterprises.</summary>
    Bureau,
}

public static class RankingKinds
{
    public static AccountKind AccountKindOf(RankingKind kind) => kind switch
    {
        RankingKind.District => AccountKind.DistrictGovernment,
        RankingKind.Street => AccountKind.Street,
        _ => AccountKind.CityBureau,
    };
}
