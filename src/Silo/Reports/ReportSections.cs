using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Reports;

/// <summary>A name and how many (categories).</summary>
public sealed record NamedCount(string Name, int Count);

/// <summary>An account and how many of something it has (cases overdue, cases of an incident).</summary>
public sealed record AccountCount(string AccountId, string DisplayName, int Count);

/// <summary>A case in a report: enough to recognise it and to know who holds it.</summary>
public sealed record CaseBrief(string Id, DateTimeOffset ReceivedAt, string Text, string? RegionCode, string HolderId, string HolderName, CaseStatus Status);

/// <summary>Intake of the day: posts received, those that were complaints, cases opened (by category).</summary>
public sealed record ReportIntake(int Posts, int ComplaintPosts, int CasesOpened, IReadOnlyList<NamedCount> ByCategory);

/// <summary>Closures of the day (办结), how many before their deadline, and the ratings given that day.</summary>
public sealed record ReportClosures(int Closed, int ClosedOnTime, int Rated, int Satisfied);

/// <summary>At the end of the day: cases still open, those past their deadline, and who holds most of them.</summary>
public sealed record ReportOverdue(int OpenAtEnd, int Overdue, IReadOnlyList<AccountCount> ByHolder);

/// <summary>A topic's cases that day against the day before and the average of the four weeks before.</summary>
public sealed record TopicTrend(string Topic, int Count, int PreviousDay, double FourWeekAverage);

/// <summary>
/// A large incident (many citizens, one problem, one place: cases sharing an incident id) with the day's cases
/// in it and the units answerable for them.
/// </summary>
public sealed record HotIncident(
    string IncidentId,
    string Topic,
    string? RegionCode,
    string? RegionName,
    int Cases,
    IReadOnlyList<AccountCount> Units,
    IReadOnlyList<CaseBrief> Sample);

/// <summary>A surge in the same-day report: the alert, the count now, and the latest of its cases.</summary>
public sealed record SurgeWithCases(Surges.SurgeAlert Alert, string RegionName, int CountNow, IReadOnlyList<CaseBrief> Cases);
