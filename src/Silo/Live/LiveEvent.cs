namespace CityMatrix.Silo.Live;

/// <summary>
/// One event for the live dashboards (case created/forwarded/closed, SLA warning/breach, surge, tiles).
/// <see cref="AccountIds"/> scopes it: a user sees it when one of these accounts is in his subtree;
/// an empty list means every signed-in dashboard user. <see cref="Data"/> is serialised as JSON.
/// <see cref="Seq"/> is the event's place in the durable case-event log (timeline entries only, set by
/// <see cref="LiveCaseRelay"/>): a client that saw it can ask for everything after it. Null for events
/// that are not kept (SLA, surge, tiles published through <see cref="ILiveEventPublisher"/>).
/// </summary>
public sealed record LiveEvent(
    string Type,
    DateTimeOffset At,
    IReadOnlyList<string> AccountIds,
    string? CaseId = null,
    string? RegionCode = null,
    object? Data = null,
    long? Seq = null);
