namespace CityMatrix.Silo.Reports;

/// <summary>A generated report as stored (the reports table): one per kind and city day, JSON and rendered HTML.</summary>
public sealed class StoredReport
{
    /// <summary>"daily" (the morning report on a finished day).</summary>
    public string Kind { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public string Json { get; set; } = "";
    public string Html { get; set; } = "";
}
