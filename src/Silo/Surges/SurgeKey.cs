namespace CityMatrix.Silo.Surges;

/// <summary>What a surge is about: a topic, a region (district or city) and a city day.</summary>
public readonly record struct SurgeKey(string Topic, string RegionCode, DateOnly Day);
