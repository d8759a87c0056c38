namespace CityMatrix.Silo.Seed;

/// <summary>One administrative division: 6401 银川市, 640104 兴庆区, 640104001 凤凰北街街道, 640104001002 崇安社区居委会.</summary>
public sealed record Region(string Code, string Name, RegionLevel Level, string? ParentCode);
