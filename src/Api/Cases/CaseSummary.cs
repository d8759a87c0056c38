using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Api.Cases;

/// <summary>An inbox line; <see cref="SlaState"/> is the worst of the case's running clocks (80% used: orange, due time passed: red);
/// <see cref="ForwardedAt"/> starts the clock, so a page can recolour its countdown live.</summary>
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
    private const int TextPreview = 140;

    /// <param name="clocks">The configured clocks (working calendar); weekends-only defaults when not given.</param>
    public static CaseSummary From(CaseState c, DateTimeOffset now, SlaClocks? clocks = null) => new(
        c.Id, c.Status, c.AccountId, c.Category, c.Topic, c.RegionCode, c.Urgency,
        c.Text.Length > TextPreview ? c.Text[..TextPreview] + "…" : c.Text,
        c.ReceivedAt, c.Deadline, c.FirstResponseDue, c.SupervisionLevel, c.IncidentId, SlaOf(c, now, clocks), c.ForwardedAt);

    public static SlaState SlaOf(CaseState c, DateTimeOffset now, SlaClocks? clocks = null) => (clocks ?? SlaClocks.Default).StatusAt(c, now).State;
}
