namespace CityMatrix.Api.Open311;

/// <summary>One Open311 service: a topic of docs/TOPICS.md, or a whole category ("other … matters") for posts without a topic.</summary>
public sealed record Open311Service(string Code, string Name, string Description, string Keywords, string Group, string Category, string? Topic);
