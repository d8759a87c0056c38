namespace CityMatrix.Silo.Cases;

/// <summary>What a timeline entry records.</summary>
public enum CaseAction
{
    Open,
    Forward,
    Accept,
    Start,
    Reply,
    Close,
    Rate,
    Return,
    RequestExtension,
    ApproveExtension,
    RejectExtension,
    Reopen,
    Merge,
    AbsorbDuplicate,
    Supervise,
    Reassign,
    AttachPost,
    Recategorize,
    LinkIncident,
    /// <summary>80% of an SLA clock's time is used (orange).</summary>
    SlaWarning,
}
