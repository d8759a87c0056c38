namespace CityMatrix.Silo.Cases;

/// <summary>One append-only timeline entry: who did what to the case, when, from which state to which.</summary>
public sealed class CaseEvent
{
    public string CaseId { get; set; } = "";
    public int Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public CaseAction Action { get; set; }
    public CaseStatus? FromStatus { get; set; }
    public CaseStatus ToStatus { get; set; }
    public string? ActorAccountId { get; set; }
    public string ActorUserId { get; set; } = "";
    public string? TargetAccountId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public int? SupervisionLevel { get; set; }
    public string? RelatedCaseId { get; set; }

    /// <summary>The post this entry is about (the post that opened the case, or a citizen's follow-up).</summary>
    public string? PostKey { get; set; }
}
