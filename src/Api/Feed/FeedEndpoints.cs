using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Outbound;

namespace CityMatrix.Api.Feed;

public static class FeedEndpoints
{
    /// <summary>GET /api/feed: the public timeline of official replies, newest first, paged by cursor. Anonymous.</summary>
    public static IEndpointRouteBuilder MapFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feed", async (string? before, string? limit, string? accountId, FeedQueries feed, AccountDirectory accounts, CancellationToken cancellationToken) =>
        {
            var size = FeedQueries.DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > FeedQueries.MaxLimit))
                throw new FeedRequestException(DomainError.Invalid, $"limit is a whole number from 1 to {FeedQueries.MaxLimit}.", "limit");
            FeedCursor? cursor = null;
            if (before is not null)
            {
                if (!FeedCursor.TryDecode(before, out var decoded))
                    throw new FeedRequestException(DomainError.Invalid, "before is the 'next' cursor of a previous page.", "before");
                cursor = decoded;
            }
            if (accountId is not null && accounts.Find(accountId) is null)
                throw new FeedRequestException(DomainError.NotFound, $"No account '{accountId}'.", "accountId");
            return TypedResults.Ok(await feed.PageAsync(cursor, size, accountId, cancellationToken));
        }).WithTags("feed").AllowAnonymous();
        return app;
    }
}

/// <summary>A refused feed query.</summary>
public sealed class FeedRequestException(DomainError error, string message, string field) : DomainException(error, message, field);
