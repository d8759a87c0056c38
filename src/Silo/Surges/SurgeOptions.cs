namespace CityMatrix.Silo.Surges;

/// <summary>Surge detection settings (section "Surges"); docs/SURGES.md explains each one.</summary>
public sealed class SurgeOptions
{
    public const string Section = "Surges";

    /// <summary>No surge below this many cases in a day, whatever the baseline says.</summary>
    public int MinCount { get; set; } = 10;

    /// <summary>Robust z-score (median/MAD) at or above which a count is a surge.</summary>
    public double ZThreshold { get; set; } = 3.5;

    /// <summary>How many earlier years give comparable days.</summary>
    public int YearsBack { get; set; } = 3;

    /// <summary>Days either side of the aligned day in an earlier year.</summary>
    public int WindowDays { get; set; } = 3;

    /// <summary>The recent baseline: this many days before today.</summary>
    public int RecentDays { get; set; } = 28;

    /// <summary>Fewer observed comparable days than this: no judgement (too little history).</summary>
    public int MinBaselineDays { get; set; } = 7;

    /// <summary>How many units an alert suggests summoning.</summary>
    public int SummonCount { get; set; } = 4;

    /// <summary>
    /// Seasonal topics by name: their comparable days in earlier years are aligned on the season's start, not
    /// the calendar date. Yinchuan's heating season runs 1 November to 31 March unless started early.
    /// </summary>
    public Dictionary<string, SeasonOptions> Seasons { get; set; } = new()
    {
        ["供暖"] = new SeasonOptions { DefaultStart = "11-01", End = "03-31" },
    };
}
