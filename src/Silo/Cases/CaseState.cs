namespace CityMatrix.Silo.Cases;

/// <summary>Persistent state of a case grain; also the row of the cases table (timeline apart).</summary>
public sealed class CaseState
{
    public string Id { get; set; } = "";
    public CaseStatus Status { get; set; }
    public string CitizenId { get; set; } = "";
    public string Text { get; set; } = "";
    public string Category { get; set; } = "";
    public string? Topic { get; set; }
    public string? RegionCode { get; set; }
    public CaseUrgency Urgency { get; set; }

    /// <summary>The account that registered (受理) the case.</summary>
    public string ReceivedById { get; set; } = "";

    /// <summary>The account holding the case now (whose inbox it is in).</summary>
    public string AccountId { get; set; } = "";

    /// <summary>Who forwarded it to the holder; a return (退回) sends it back there.</summary>
    public string? ForwardedById { get; set; }

    /// <summary>The first unit the case was forwarded to (首接).</summary>
    public string? FirstReceiverId { get; set; }

    /// <summary>
    /// 首接负责制: the unit answerable for the case. The first receiver, until a hand-over is formally
    /// accepted (签收) by another unit; a return or an unaccepted forward does not move it.
    /// </summary>
    public string? AnswerableAccountId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ForwardedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? RatedAt { get; set; }
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>When the holder must have responded (签收 or replied) by, from the SLA template.</summary>
    public DateTimeOffset? FirstResponseDue { get; set; }

    /// <summary>The clocks of the current forward count working time (the SLA template's working calendar).</summary>
    public bool SlaWorkingTime { get; set; }

    /// <summary>SLA steps applied to the first-response clock of the current forward (see <see cref="Sla.SlaStage"/>); reset by a forward.</summary>
    public int FirstResponseSlaStage { get; set; }

    /// <summary>SLA steps applied to the resolution clock of the current deadline (see <see cref="Sla.SlaStage"/>); reset by a forward or an approved extension.</summary>
    public int ResolutionSlaStage { get; set; }
    public DateTimeOffset? PendingExtensionUntil { get; set; }
    public string? PendingExtensionReason { get; set; }
    public string? PublicReply { get; set; }
    public bool? Solved { get; set; }
    public bool? Satisfied { get; set; }
    public int ReopenCount { get; set; }
    public int SupervisionLevel { get; set; }
    public string? MergedIntoId { get; set; }

    /// <summary>The post ("platform:postId") that opened the case, when it came from a post.</summary>
    public string? SourcePostKey { get; set; }

    /// <summary>Cases of many citizens about one problem in one place share the id of the first one (an incident).</summary>
    public string? IncidentId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic-concurrency version; its string form is the grain ETag.</summary>
    public long Version { get; set; }

    /// <summary>The append-only timeline, oldest first. Stored in its own table.</summary>
    public List<CaseEvent> Timeline { get; set; } = [];

    /// <summary>How many timeline entries are already stored (storage bookkeeping, not a column).</summary>
    internal int StoredTimelineCount { get; set; }

    /// <summary>Posts to store in the same transaction as this state (storage bookkeeping, not a column).</summary>
    internal List<Posts.PostRecord> PostsToStore { get; set; } = [];

    /// <summary>What the stored version adds to the metric counters (storage bookkeeping, not a column).</summary>
    internal Metrics.CaseContribution? StoredContribution { get; set; }

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Rated or CaseStatus.Merged);

    /// <summary>A detached copy, so no caller ever shares the grain's live state.</summary>
    public CaseState Copy()
    {
        var copy = (CaseState)MemberwiseClone();
        copy.Timeline = [.. Timeline];
        return copy;
    }
}
