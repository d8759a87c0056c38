namespace CityMatrix.Silo.Metrics;

/// <summary>What a breakdown groups the cases by.</summary>
public enum BreakdownDimension
{
    /// <summary>The district (6-digit region code) of the case's place.</summary>
    District,
    Topic,
    Category,
}
