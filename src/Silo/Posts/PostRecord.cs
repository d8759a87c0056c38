using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Posts;

/// <summary>A stored post with its NLP annotations and what became of it (the posts table).</summary>
public sealed class PostRecord
{
    /// <summary>"platform:postId": the idempotency key.</summary>
    public string Key { get; set; } = "";
    public string Platform { get; set; } = "";
    public string PostId { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string? AuthorName { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public List<string> Mentions { get; set; } = [];
    public string? ReplyToPostId { get; set; }

    public string Sentiment { get; set; } = "";
    public float SentimentScore { get; set; }
    public float Anger { get; set; }
    public bool IsComplaint { get; set; }
    public float ComplaintScore { get; set; }
    public string Category { get; set; } = "";
    public string? Topic { get; set; }
    public float CategoryScore { get; set; }
    public string? RegionCode { get; set; }
    public List<string> PlaceCodes { get; set; } = [];
    public List<string> Keywords { get; set; } = [];

    /// <summary>The segmenter's tokens, space-separated: what full-text search indexes.</summary>
    public string Tokens { get; set; } = "";
    public CaseUrgency Urgency { get; set; }

    public PostOutcome Outcome { get; set; }
    public string? CaseId { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>The citizen id cases carry: "platform:authorId".</summary>
    public string CitizenId => $"{Platform}:{AuthorId}";

    public static string KeyOf(string platform, string postId) => $"{platform}:{postId}";
}
