using CityMatrix.Silo.Surges;

namespace CityMatrix.Api.Surges;

/// <summary>A surge alert as the API shows it.</summary>
public sealed record SurgeView(
    string Topic,
    string Region,
    string RegionName,
    DateOnly Day,
    DateTimeOffset FiredAt,
    int Count,
    string Rule,
    BaselineView Baseline,
    IReadOnlyList<SummonedUnit> Units)
{
    public static SurgeView From(SurgeAlert alert, string regionName) => new(alert.Topic, alert.RegionCode, regionName, alert.Day, alert.FiredAt, alert.Count, alert.Rule,
        new BaselineView(alert.BaselineMax, alert.BaselineMedian, alert.BaselineScale, alert.ZScore, alert.Baseline), alert.Units);
}

/// <summary>What the count was judged against: the comparable days, their maximum, median, robust scale, and today's z-score.</summary>
public sealed record BaselineView(int Max, double Median, double Scale, double ZScore, IReadOnlyList<BaselineDay> Days);
