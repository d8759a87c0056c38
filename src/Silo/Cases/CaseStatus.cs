namespace CityMatrix.Silo.Cases;

/// <summary>Where a case stands (domain.md §1 workflow words).</summary>
public enum CaseStatus
{
    /// <summary>受理: registered, waiting to be forwarded (triage).</summary>
    Received,
    /// <summary>转办: sent to a responsible unit with a deadline, not yet signed for.</summary>
    Forwarded,
    /// <summary>签收: the unit signed for it and is answerable.</summary>
    Accepted,
    /// <summary>办理: being handled.</summary>
    InProgress,
    /// <summary>回复: the public reply is out.</summary>
    Replied,
    /// <summary>办结: closed by the unit.</summary>
    Closed,
    /// <summary>评价: the citizen rated it.</summary>
    Rated,
    /// <summary>退回: the unit sent it back to the forwarder (wrong unit), to be re-forwarded.</summary>
    Returned,
    /// <summary>重办: the citizen reopened it within 7 days of closure.</summary>
    Reopened,
    /// <summary>合并: a duplicate, merged into another case. Final.</summary>
    Merged,
}
