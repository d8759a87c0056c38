using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Demo;
using Microsoft.AspNetCore.Mvc;

namespace CityMatrix.Api.Demo;

public static class ReplayEndpoints
{
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    /// <summary>
    /// POST /api/admin/replay (admins): an NDJSON file of posts (the body, or ?path= a file on the server)
    /// through the normal ingestion, one post after the other. With fresh=true (default) each replay gets
    /// its own post ids and today's date, so replaying a file again opens new cases.
    /// </summary>
    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/replay", async (HttpRequest request, string? path, bool? fresh, PostReplayer replayer, TimeProvider time, CancellationToken cancellationToken) =>
        {
            IReadOnlyList<Silo.Posts.IncomingPost> posts;
            if (path is not null)
            {
                if (!File.Exists(path)) throw new ReplayException($"No file '{path}' on the server.", "path");
                using var file = File.OpenText(path);
                posts = PostReplayer.Parse(file);
            }
            else
            {
                using var body = new StreamReader(request.Body);
                var text = await body.ReadToEndAsync(cancellationToken);
                posts = PostReplayer.Parse(new StringReader(text));
            }
            if (posts.Count == 0) throw new ReplayException("No posts to replay: send NDJSON lines (one post each) or name a file with ?path=.", path is null ? "body" : "path");
            var round = fresh == false ? null : "replay" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(await replayer.ReplayAsync(posts, round, cancellationToken));
        }).WithTags("demo").RequireAuthorization(Policies.Admin).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }
}
