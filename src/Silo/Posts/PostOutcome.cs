namespace CityMatrix.Silo.Posts;

/// <summary>What became of a post (decided before it is stored, stored with it).</summary>
public enum PostOutcome
{
    /// <summary>Not a request or complaint: kept and searchable, no case.</summary>
    NotComplaint,
    /// <summary>Opened a new case.</summary>
    CaseOpened,
    /// <summary>Joined an open case of the same citizen and topic (a reply or a repeat).</summary>
    JoinedCase,
}
