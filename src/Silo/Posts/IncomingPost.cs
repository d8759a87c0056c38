namespace CityMatrix.Silo.Posts;

/// <summary>A post as a platform delivers it (one JSON object, or one NDJSON line of a batch).</summary>
public sealed record IncomingPost(
    string? Platform,
    string? PostId,
    PostAuthor? Author,
    string? Text,
    DateTimeOffset? CreatedAt,
    GeoPoint? Location,
    IReadOnlyList<string>? Mentions,
    string? ReplyToPostId);

public sealed record PostAuthor(string? Id, string? Name);

public sealed record GeoPoint(double? Lat, double? Lon);
