namespace CityMatrix.Silo.Reports;

/// <summary>The morning report on a finished city day (日报): intake, closures, overdue, surges, top topics, hot incidents.</summary>
public sealed record DailyReport(
    DateOnly Day,
    DateTimeOffset GeneratedAt,
    ReportIntake Intake,
    ReportClosures Closures,
    ReportOverdue Overdue,
    IReadOnlyList<Surges.SurgeAlert> Surges,
    IReadOnlyList<TopicTrend> TopTopics,
    IReadOnlyList<HotIncident> HotIncidents);
