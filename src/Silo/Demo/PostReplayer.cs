using System.Text.Json;
using CityMatrix.Silo.Posts;

namespace CityMatrix.Silo.Demo;

/// <summary>
/// The replay source: NDJSON posts (one <see cref="IncomingPost"/> per line) fed through
/// <see cref="PostBatchIngestion"/> exactly like a connector's batch (the same decisions, in file order, as one
/// post at a time; one write per chunk). With a round tag, every post id (and reply link) and author gets the tag
/// and the posts are dated now, so the same file can be replayed again and make new cases (with the same authors,
/// a repeat within 72 hours would join the earlier round's case instead).
/// </summary>
public sealed class PostReplayer(PostIngestion ingestion, PostBatchIngestion batches, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Reads every line first, so a file with a broken line is refused before anything is ingested.</summary>
    public static IReadOnlyList<IncomingPost> Parse(TextReader reader)
    {
        var posts = new List<IncomingPost>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                posts.Add(JsonSerializer.Deserialize<IncomingPost>(line, Json) ?? throw new JsonException("null is not a post."));
            }
            catch (JsonException e)
            {
                throw new ReplayException($"Line {number} is not a post: {e.Message}", $"line {number}");
            }
        }
        return posts;
    }

    /// <summary>The post as it is sent in round <paramref name="round"/> (null: unchanged).</summary>
    public IncomingPost Retag(IncomingPost post, string? round)
    {
        if (round is null) return post;
        return post with
        {
            PostId = post.PostId is null ? null : $"{post.PostId}~{round}",
            Author = post.Author?.Id is null ? post.Author : post.Author with { Id = $"{post.Author.Id}~{round}" },
            ReplyToPostId = post.ReplyToPostId is null ? null : $"{post.ReplyToPostId}~{round}",
            CreatedAt = time.GetUtcNow(),
        };
    }

    public Task<PostReceipt> IngestOneAsync(IncomingPost post, string? round, CancellationToken cancellationToken = default) =>
        ingestion.IngestAsync(Retag(post, round), cancellationToken);

    public async Task<ReplayResult> ReplayAsync(IReadOnlyList<IncomingPost> posts, string? round, CancellationToken cancellationToken = default)
    {
        var outcomes = new Dictionary<PostOutcome, int>();
        var rejected = new List<ReplayRejection>();
        var answers = await batches.IngestAsync(posts.Select(p => (IncomingPost?)Retag(p, round)).ToList(), cancellationToken);
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Receipt is { } receipt) outcomes[receipt.Outcome] = outcomes.GetValueOrDefault(receipt.Outcome) + 1;
            else rejected.Add(new ReplayRejection(i + 1, answers[i].Errors!));
        }
        return new ReplayResult(posts.Count - rejected.Count, rejected.Count, outcomes, rejected);
    }
}

public sealed record ReplayResult(int Accepted, int Rejected, IReadOnlyDictionary<PostOutcome, int> Outcomes, IReadOnlyList<ReplayRejection> Rejections);

public sealed record ReplayRejection(int Post, IReadOnlyDictionary<string, string[]> Errors);

public sealed class ReplayException(string message, string field) : DomainException(DomainError.Invalid, message, field);
