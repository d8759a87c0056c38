using CityMatrix.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMatrix.Silo.Posts;

/// <summary>The posts table: insert-once by (platform, postId), then the outcome recorded.</summary>
public sealed class PostStore(IDbContextFactory<CityMatrixDbContext> contexts)
{
    public async Task<PostRecord?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
    }

    /// <summary>Stores a new post durably; when the same post is already stored, returns that one instead.</summary>
    public async Task<PostRecord> InsertOrGetAsync(PostRecord post, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Posts.Add(post);
            await db.SaveChangesAsync(cancellationToken);
            return post;
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return await FindAsync(post.Key, cancellationToken) ?? throw new InvalidOperationException($"Post {post.Key} vanished after a duplicate-key insert.", e);
        }
    }

    public async Task CompleteAsync(string key, PostOutcome outcome, string? caseId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Posts.Where(p => p.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.Outcome, outcome)
            .SetProperty(p => p.CaseId, caseId)
            .SetProperty(p => p.ProcessedAt, at), cancellationToken);
    }

    public async Task<IReadOnlyList<PostRecord>> PendingBeforeAsync(DateTimeOffset receivedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Posts.AsNoTracking()
            .Where(p => p.Outcome == PostOutcome.Pending && p.ReceivedAt < receivedBefore)
            .OrderBy(p => p.ReceivedAt).Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostRecord>> OfCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Posts.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
    }
}
