namespace CityMatrix.Silo.Posts;

/// <summary>The answer to an accepted post: what happened to it. The same post sent again gets the same receipt.</summary>
public sealed record PostReceipt(
    string Platform,
    string PostId,
    PostOutcome Outcome,
    string? CaseId,
    string? AccountId,
    string Category,
    string? Topic,
    string? RegionCode,
    bool IsComplaint)
{
    public static PostReceipt Of(PostRecord post, string? accountId) =>
        new(post.Platform, post.PostId, post.Outcome, post.CaseId, accountId, post.Category, post.Topic, post.RegionCode, post.IsComplaint);
}
