namespace CityMatrix.Silo.Seed;

/// <summary>Levels of the administrative divisions held by <see cref="RegionDirectory"/>.</summary>
public enum RegionLevel
{
    City,
    District,
    Street,
    Community,
}
