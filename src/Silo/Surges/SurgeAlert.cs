namespace CityMatrix.Silo.Surges;

/// <summary>
/// A surge that fired: at most one per topic × region × city day (the primary key), whichever process saw
/// it first. <see cref="Count"/> is the day's count when it fired; the baseline is what it was judged against.
/// </summary>
public sealed class SurgeAlert
{
    public string Topic { get; set; } = "";

    /// <summary>A district code, or <see cref="SurgeRegions.City"/> for the whole city.</summary>
    public string RegionCode { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateTimeOffset FiredAt { get; set; }
    public int Count { get; set; }

    /// <summary>"max" (passed the historical maximum), "z" (robust z-score), or "max+z".</summary>
    public string Rule { get; set; } = "";
    public int BaselineMax { get; set; }
    public double BaselineMedian { get; set; }
    public double BaselineScale { get; set; }
    public double ZScore { get; set; }

    /// <summary>The comparable days and their counts.</summary>
    public List<BaselineDay> Baseline { get; set; } = [];

    /// <summary>The units to summon (约谈): those answerable for most of the day's cases in it.</summary>
    public List<SummonedUnit> Units { get; set; } = [];
}
