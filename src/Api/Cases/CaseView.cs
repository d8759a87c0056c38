using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Api.Cases;

/// <summary>
/// What the API shows of a case (`state` is the published name of the status); with its posts and their NLP
/// annotations when read alone, and its SLA picture (worst clock, 督办 level, each running clock) now.
/// </summary>
public sealed record CaseView(
    string Id,
    CaseStatus State,
    string CitizenId,
    string Text,
    string Category,
    string? Topic,
    string? RegionCode,
    CaseUrgency Urgency,
    string AccountId,
    string ReceivedById,
    string? ForwardedById,
    string? FirstReceiverId,
    string? AnswerableAccountId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ForwardedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? RatedAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? PendingExtensionUntil,
    string? PendingExtensionReason,
    string? PublicReply,
    bool? Solved,
    bool? Satisfied,
    int ReopenCount,
    int SupervisionLevel,
    string? MergedIntoId,
    DateTimeOffset UpdatedAt,
    long Version,
    DateTimeOffset? FirstResponseDue,
    string? SourcePostKey,
    string? IncidentId,
    IReadOnlyList<CaseEvent> Timeline,
    IReadOnlyList<PostRecord>? Posts,
    SlaStatus? Sla = null)
{
    public static CaseView From(CaseState c, IReadOnlyList<PostRecord>? posts = null, SlaStatus? sla = null) => new(
        c.Id, c.Status, c.CitizenId, c.Text, c.Category, c.Topic, c.RegionCode, c.Urgency, c.AccountId, c.ReceivedById,
        c.ForwardedById, c.FirstReceiverId, c.AnswerableAccountId, c.ReceivedAt, c.ForwardedAt, c.AcceptedAt, c.RepliedAt,
        c.ClosedAt, c.RatedAt, c.Deadline, c.PendingExtensionUntil, c.PendingExtensionReason, c.PublicReply, c.Solved,
        c.Satisfied, c.ReopenCount, c.SupervisionLevel, c.MergedIntoId, c.UpdatedAt, c.Version, c.FirstResponseDue, c.SourcePostKey,
        c.IncidentId, c.Timeline, posts, sla);
}
