namespace CityMatrix.Silo.Live;

/// <summary>
/// One event for the live dashboards (case created/forwarded/closed, SLA warning/breach, surge, tiles).
/// <see cref="AccountIds"/> scopes it: a user sees it when one of these accounts is in his subtree;
/// an empty list means every signed-in dashboard user. <see cref="Data"/> is serialised as JSON.
/// </summary>
public sealed record LiveEvent(
    string Type,
    DateTimeOffset At,
    IReadOnlyList<string> AccountIds,
    string? CaseId = null,
    string? RegionCode = null,
    object? Data = null);
