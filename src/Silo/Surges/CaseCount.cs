namespace CityMatrix.Silo.Surges;

/// <summary>
/// Cases opened in one city hour about one topic in one district (the case_counts table). Kept by database
/// triggers on the cases table in the transaction that writes the case, so it always equals a GROUP BY over
/// cases (<see cref="CaseCountReconciler"/> checks that). The topic is the case's topic, or its category
/// when the classifier found no topic (the names never collide).
/// </summary>
public sealed class CaseCount
{
    public string Topic { get; set; } = "";

    /// <summary>The district code, or <see cref="SurgeRegions.City"/> when no district is known.</summary>
    public string RegionCode { get; set; } = "";

    /// <summary>The city day (UTC+8).</summary>
    public DateOnly Day { get; set; }

    /// <summary>The city hour, 0–23.</summary>
    public int Hour { get; set; }

    public int Count { get; set; }
}
