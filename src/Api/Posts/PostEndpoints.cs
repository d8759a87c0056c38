using System.Security.Claims;
using System.Text.Json;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CityMatrix.Api.Posts;

public static class PostEndpoints
{
    public const int MaxBatchLines = 10_000;

    /// <summary>Ingestion: one post, or an NDJSON batch; each answered only once it is stored.</summary>
    public static IEndpointRouteBuilder MapPosts(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/api/posts").WithTags("posts");

        posts.MapPost("/", async (IncomingPost post, ClaimsPrincipal user, PostIngestionQueue ingestion, CancellationToken cancellationToken) =>
                TypedResults.Accepted($"/api/posts/{post.Platform}/{post.PostId}", await ingestion.IngestAsync(OwnedBy(user, post), cancellationToken)))
            .RequireAuthorization(p => p.RequireRole(UserRole.Connector, UserRole.Admin, UserRole.Citizen))
            .WithMetadata(new RequestSizeLimitAttribute(1024 * 1024));

        posts.MapPost("/batch", BatchAsync)
            .RequireAuthorization(p => p.RequireRole(UserRole.Connector, UserRole.Admin))
            .WithMetadata(new RequestSizeLimitAttribute(256L * 1024 * 1024));

        posts.MapGet("/{platform}/{postId}", async Task<Results<Ok<PostRecord>, NotFound>> (string platform, string postId, PostStore store) =>
                await store.FindAsync(PostRecord.KeyOf(platform, postId)) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound())
            .RequireAuthorization(p => p.RequireRole(UserRole.Connector, UserRole.Admin, UserRole.Supervisor, UserRole.Officer));
        return app;
    }

    /// <summary>A citizen posting on CityMatrix itself posts as himself, whatever the body says.</summary>
    private static IncomingPost OwnedBy(ClaimsPrincipal user, IncomingPost post) =>
        user.IsInRole(UserRole.Citizen) && !user.IsInRole(UserRole.Connector) && !user.IsInRole(UserRole.Admin)
            ? post with { Platform = PostIngestion.OwnPlatform, Author = new PostAuthor(user.UserId(), user.Identity?.Name) }
            : post;

    private static async Task<Results<Accepted<BatchResult>, ProblemHttpResult>> BatchAsync(
        HttpRequest request, PostIngestionQueue ingestion, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        using (var reader = new StreamReader(request.Body))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0) continue;
                if (lines.Count == MaxBatchLines)
                    return TypedResults.Problem($"A batch holds at most {MaxBatchLines} lines.", statusCode: StatusCodes.Status413PayloadTooLarge);
                lines.Add(line);
            }
        }

        // Lines that are not JSON are answered here; the others queue with the posts of every other request, so small
        // batches from many connectors share chunks (one analysis, one decision pass, one write) under load.
        var results = new BatchLineResult[lines.Count];
        var parsed = new List<IncomingPost?>(lines.Count);
        var lineOf = new List<int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            try
            {
                parsed.Add(JsonSerializer.Deserialize<IncomingPost>(lines[i], json.Value.SerializerOptions));
                lineOf.Add(i);
            }
            catch (JsonException e)
            {
                var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
                results[i] = new BatchLineResult(i + 1, null, new Dictionary<string, string[]> { [field] = [$"Not valid JSON for a post: {e.Message}"] });
            }
        }
        var outcomes = await ingestion.IngestBatchAsync(parsed, cancellationToken);
        for (var j = 0; j < outcomes.Count; j++) results[lineOf[j]] = new BatchLineResult(lineOf[j] + 1, outcomes[j].Receipt, outcomes[j].Errors);
        var accepted = results.Count(r => r.Receipt is not null);
        return TypedResults.Accepted((string?)null, new BatchResult(accepted, results.Length - accepted, results));
    }
}
