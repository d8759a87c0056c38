using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// One line of the 问责 list: an open case supervised at level 3, the unit holding it, the unit answerable
/// for it (首接负责制) and the first receiver, its clocks and when it reached level 3.
/// </summary>
public sealed record AccountabilityEntry(
    string CaseId,
    CaseStatus Status,
    string Category,
    string? Topic,
    string? RegionCode,
    string HolderId,
    string? AnswerableAccountId,
    string? FirstReceiverId,
    DateTimeOffset? FirstResponseDue,
    DateTimeOffset? Deadline,
    int Level,
    DateTimeOffset? EscalatedAt);
