namespace CityMatrix.Silo.Reports;

/// <summary>Report settings (section "Reports").</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>An incident with at least this many cases in a day is a large (hot) incident.</summary>
    public int LargeIncidentCases { get; set; } = 5;

    /// <summary>How many topics the daily report ranks.</summary>
    public int TopTopics { get; set; } = 10;

    /// <summary>How many cases a surge or an incident lists.</summary>
    public int CasesPerItem { get; set; } = 10;

    /// <summary>How many holders of overdue cases the daily report names.</summary>
    public int OverdueHolders { get; set; } = 10;
}
