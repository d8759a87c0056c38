using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Routing;

/// <summary>
/// (category/topic, region) → account. Empty fields match anything. The target is either a fixed
/// account or, with <see cref="TerritorialLevel"/>, "the government account of that level whose area
/// holds the case's place" (属地管理: e.g. property disputes go to the street of the place).
/// </summary>
public sealed class RoutingRule
{
    public string Id { get; set; } = "";
    public string? Category { get; set; }
    public string? Topic { get; set; }
    public string? RegionCode { get; set; }
    public string? AccountId { get; set; }
    public RegionLevel? TerritorialLevel { get; set; }
    public string? Note { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
