namespace CityMatrix.Silo.Posts;

/// <summary>What became of a post.</summary>
public enum PostOutcome
{
    /// <summary>Stored, not yet turned into a case (a crash here is finished by the recovery sweep).</summary>
    Pending,
    /// <summary>Not a request or complaint: kept and searchable, no case.</summary>
    NotComplaint,
    /// <summary>Opened a new case.</summary>
    CaseOpened,
    /// <summary>Joined an open case of the same citizen and topic (a reply or a repeat).</summary>
    JoinedCase,
}
