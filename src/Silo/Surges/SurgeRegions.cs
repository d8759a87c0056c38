namespace CityMatrix.Silo.Surges;

/// <summary>
/// The regions counts are kept for: the district (6-digit code) a case's place lies in, and the whole city.
/// A case whose place is unknown or city-level is counted in the city bucket only (region code 6401).
/// </summary>
public static class SurgeRegions
{
    /// <summary>银川市: in the API, the whole city (every bucket summed).</summary>
    public const string City = "6401";

    public static string BucketOf(string? regionCode) =>
        regionCode is { Length: >= 6 } code && code.StartsWith(City, StringComparison.Ordinal) ? code[..6] : City;

    public static bool IsDistrict(string region) => region.Length == 6 && region.StartsWith(City, StringComparison.Ordinal) && region.All(char.IsAsciiDigit);
}
