using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// The posts table. A post is written once, with what became of it; its key makes a second write fail. A post found
/// is returned once it is durable, since the caller may answer a second delivery with it.
/// </summary>
public sealed class PostStore(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer)
{
    public async Task<PostRecord?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        PostRecord? post;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (post is not null) await writer.WhenDurableAsync().WaitAsync(cancellationToken);
        return post;
    }

    // Every chunk of posts asks this: compiled once, so EF does not walk the expression again at each run (the keys are
    // one parameter, see StorageServiceCollectionExtensions).
    private static readonly CompiledPerModel<Func<CityMatrixDbContext, string[], IAsyncEnumerable<PostRecord>>> ByKeys = new(() =>
        EF.CompileAsyncQuery((CityMatrixDbContext db, string[] keys) => db.Posts.AsNoTracking().Where(p => keys.Contains(p.Key))));

    /// <summary>The stored posts among these keys, by key.</summary>
    public async Task<IReadOnlyDictionary<string, PostRecord>> FindManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0) return new Dictionary<string, PostRecord>();
        var found = new Dictionary<string, PostRecord>(keys.Count);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await foreach (var post in ByKeys.For(db)(db, [.. keys]).WithCancellation(cancellationToken)) found[post.Key] = post;
        }
        if (found.Count > 0) await writer.WhenDurableAsync().WaitAsync(cancellationToken);
        return found;
    }

    /// <summary>Stores a post that opened no case. Throws DbUpdateException when the post is already stored.</summary>
    public Task InsertAsync(PostRecord post, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(async (db, token) =>
        {
            db.Posts.Add(post);
            return await db.SaveChangesAsync(token);
        }, cancellationToken);

    public async Task<IReadOnlyList<PostRecord>> OfCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Posts.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
    }
}
