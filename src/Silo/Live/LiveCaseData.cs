namespace CityMatrix.Silo.Live;

/// <summary>
/// The <see cref="LiveEvent.Data"/> of a case event: the timeline entry and the case's classification.
/// Enum values are their names. The case text is not sent: a dashboard reads the case through the API,
/// where the case-access rule applies.
/// </summary>
public sealed record LiveCaseData(
    int CaseSeq,
    string Action,
    string? FromStatus,
    string Status,
    string? ActorAccountId,
    string? TargetAccountId,
    string Category,
    string? Topic,
    string Urgency,
    DateTimeOffset? Deadline,
    int? SupervisionLevel,
    string? Reason,
    string? RelatedCaseId);
