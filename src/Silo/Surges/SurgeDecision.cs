namespace CityMatrix.Silo.Surges;

/// <summary>What <see cref="SurgeDetector"/> made of a count: whether it fires, by which rule, and the baseline statistics.</summary>
public sealed record SurgeDecision(
    bool Fires,
    int Count,
    string Rule,
    int BaselineMax,
    double BaselineMedian,
    double BaselineScale,
    double ZScore,
    bool EnoughHistory,
    int Threshold)
{
    public static SurgeDecision NoHistory(int count) => new(false, count, "", 0, 0, 0, 0, false, int.MaxValue);
}
