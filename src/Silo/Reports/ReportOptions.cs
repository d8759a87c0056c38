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

    /// <summary>When the daily report of yesterday is made (Quartz cron: second minute hour day month weekday).</summary>
    public string DailyCron { get; set; } = "0 0 8 * * ?";

    /// <summary>The time zone of <see cref="DailyCron"/>.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
