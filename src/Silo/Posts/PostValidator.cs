using System.Text.RegularExpressions;

namespace CityMatrix.Silo.Posts;

/// <summary>Every fault of a post at once, so a client fixes a rejected line in one go.</summary>
public static partial class PostValidator
{
    public const int MaxTextLength = 10_000;
    public const int MaxMentions = 50;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex PlatformPattern();

    public static IReadOnlyList<PostFault> Validate(IncomingPost? post, DateTimeOffset now)
    {
        if (post is null) return [new PostFault("$", "A post object is required.")];
        var faults = new List<PostFault>();
        void Fault(string field, string message) => faults.Add(new PostFault(field, message));

        if (string.IsNullOrWhiteSpace(post.Platform) || !PlatformPattern().IsMatch(post.Platform))
            Fault("platform", "platform is 1–32 lower-case letters, digits, '_' or '-' (e.g. weibo).");
        if (string.IsNullOrWhiteSpace(post.PostId) || post.PostId.Length > 128)
            Fault("postId", "postId is required (at most 128 characters).");
        if (post.Author is null || string.IsNullOrWhiteSpace(post.Author.Id) || post.Author.Id.Length > 128)
            Fault("author.id", "author.id is required (at most 128 characters).");
        if (post.Author?.Name is { Length: > 128 })
            Fault("author.name", "author.name is at most 128 characters.");
        if (string.IsNullOrWhiteSpace(post.Text))
            Fault("text", "text is required.");
        else if (post.Text.Length > MaxTextLength)
            Fault("text", $"text is at most {MaxTextLength} characters.");
        if (post.CreatedAt is null)
            Fault("createdAt", "createdAt is required (ISO 8601 with offset).");
        else if (post.CreatedAt > now.AddDays(1))
            Fault("createdAt", "createdAt is in the future.");
        if (post.Location is { } location)
        {
            if (location.Lat is not (>= -90 and <= 90)) Fault("location.lat", "location.lat is a latitude from -90 to 90.");
            if (location.Lon is not (>= -180 and <= 180)) Fault("location.lon", "location.lon is a longitude from -180 to 180.");
        }
        if (post.Mentions is { Count: > MaxMentions })
            Fault("mentions", $"At most {MaxMentions} mentions.");
        else if (post.Mentions?.Any(string.IsNullOrWhiteSpace) == true)
            Fault("mentions", "Mentions must not be empty.");
        if (post.ReplyToPostId is { Length: > 128 })
            Fault("replyToPostId", "replyToPostId is at most 128 characters.");
        return faults;
    }
}
