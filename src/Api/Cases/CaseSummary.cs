using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Cases;

/// <summary>Where a case stands against its deadline: 80% of the time used is a warning (orange), 100% a breach (red).</summary>
public enum SlaState
{
    None,
    Ok,
    Warning,
    Breached,
}

/// <summary>An inbox line. <see cref="ForwardedAt"/> starts the SLA clock (with the deadline, the page recolours its countdown live).</summary>
public sealed record CaseSummary(
    string Id,
    CaseStatus State,
    string AccountId,
    string Category,
    string? Topic,
    string? RegionCode,
    CaseUrgency Urgency,
    string Text,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? FirstResponseDue,
    int SupervisionLevel,
    string? IncidentId,
    SlaState SlaState,
    DateTimeOffset? ForwardedAt)
{
    public const double WarningShare = 0.8;
    private const int TextPreview = 140;

    public static CaseSummary From(CaseState c, DateTimeOffset now) => new(
        c.Id, c.Status, c.AccountId, c.Category, c.Topic, c.RegionCode, c.Urgency,
        c.Text.Length > TextPreview ? c.Text[..TextPreview] + "…" : c.Text,
        c.ReceivedAt, c.Deadline, c.FirstResponseDue, c.SupervisionLevel, c.IncidentId, SlaOf(c, now), c.ForwardedAt);

    public static SlaState SlaOf(CaseState c, DateTimeOffset now)
    {
        if (c.Deadline is not { } deadline || !c.IsOpen) return SlaState.None;
        if (now >= deadline) return SlaState.Breached;
        var start = c.ForwardedAt ?? c.ReceivedAt;
        var share = (now - start) / (deadline - start);
        return share >= WarningShare ? SlaState.Warning : SlaState.Ok;
    }
}
