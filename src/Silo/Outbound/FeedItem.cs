using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Outbound;

/// <summary>One official public reply on the citizen-facing timeline, with the case as it stands now.</summary>
public sealed record FeedItem(
    string Id,
    string CaseId,
    string Category,
    string? Topic,
    string? RegionCode,
    FeedAccount Account,
    string Complaint,
    string Reply,
    DateTimeOffset RepliedAt,
    CaseStatus State,
    FeedRating? Rating);

public sealed record FeedAccount(string? Id, string? DisplayName);

public sealed record FeedRating(bool Solved, bool Satisfied);

/// <summary>A page of the feed, newest first; <see cref="Next"/> is the cursor of the following page (null at the end).</summary>
public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? Next);
