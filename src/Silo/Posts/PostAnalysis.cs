using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Posts;

/// <summary>What the NLP made of a post.</summary>
public sealed record PostAnalysis(
    string Sentiment,
    float SentimentScore,
    float Anger,
    bool IsComplaint,
    float ComplaintScore,
    string Category,
    string? Topic,
    float CategoryScore,
    string? RegionCode,
    IReadOnlyList<string> PlaceCodes,
    IReadOnlyList<string> Keywords,
    string Tokens,
    CaseUrgency Urgency);
