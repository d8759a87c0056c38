using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Search;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// The batch form of <see cref="PostIngestion"/>, with the same decisions per post, for a connector's NDJSON
/// batches. Per chunk of posts: one read of the posts already stored, the analysis on every core, one read of
/// the citizens' open cases and one of the first open case per topic × place, the decisions in memory (a post
/// may join a case opened earlier in the same chunk, or make it an incident's root), and then ONE write with
/// every new case, its timeline and posts, and the posts that opened no case. Only what touches a stored case
/// (a post joining it, an incident root to link) goes through the case's grain, beside that write, as a single
/// post would; a reply to a post stored before is taken as a single post after it. Chunks decide and write one
/// at a time per process (see <c>_deciding</c>). Every post is answered only once its write has committed.
/// </summary>
public sealed class PostBatchIngestion(
    PostIngestion single,
    PostStore posts,
    CaseQueries caseQueries,
    CaseGrainStorage storage,
    AccountDirectory accounts,
    TimeProvider time,
    ILogger<PostBatchIngestion> logger)
{
    /// <summary>Posts decided and written together; a larger batch is taken in chunks of this size, one after another.</summary>
    public const int ChunkSize = 500;

    private readonly SemaphoreSlim _deciding = new(1, 1);

    public async Task<IReadOnlyList<PostBatchOutcome>> IngestAsync(IReadOnlyList<IncomingPost?> batch, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var outcomes = new PostBatchOutcome[batch.Count];
        var firstOfKey = new Dictionary<string, int>();
        var repeats = new List<(int Index, int First)>();
        var fresh = new List<(int Index, string Key)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var faults = PostValidator.Validate(batch[i], now);
            if (faults.Count > 0)
            {
                outcomes[i] = PostBatchOutcome.Rejected(new PostRejectedException(faults).Errors);
                continue;
            }
            var key = PostRecord.KeyOf(batch[i]!.Platform!, batch[i]!.PostId!);
            // The same post twice in one batch is stored once; the second copy gets the first one's answer.
            if (firstOfKey.TryAdd(key, i)) fresh.Add((i, key));
            else repeats.Add((i, firstOfKey[key]));
        }
        foreach (var chunk in fresh.Chunk(ChunkSize)) await IngestChunkAsync(batch, chunk, outcomes, cancellationToken);
        foreach (var (index, first) in repeats) outcomes[index] = outcomes[first];
        return outcomes;
    }

    private async Task IngestChunkAsync(IReadOnlyList<IncomingPost?> batch, (int Index, string Key)[] chunk, PostBatchOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var analysed = new PostRecord[chunk.Length];
        var searchTokens = new string[chunk.Length];
        Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            analysed[j] = single.ToRecord(batch[chunk[j].Index]!, chunk[j].Key, now);
            searchTokens[j] = SearchTokens.Of(analysed[j].Text);
        });
        var tokensByText = new Dictionary<string, string>();
        for (var j = 0; j < analysed.Length; j++) tokensByText.TryAdd(analysed[j].Text, searchTokens[j]);

        PostRecord[] records = [];
        (int Index, string Key)[] todo = [];
        PostBatchPlan? plan = null;
        List<Task<(int Index, PostReceipt? Receipt)>> joins = [];
        List<Task> links = [];
        var conflict = false;
        // One chunk looks up, decides and writes at a time in this process, so each sees what the one before it
        // stored (the same post sent twice, a citizen's repeat, a place's incident root), as if the posts had come
        // one by one. The analysis above runs outside the gate: while one chunk is written, the next is analysed.
        await _deciding.WaitAsync(cancellationToken);
        try
        {
            var stored = await posts.FindManyAsync(chunk.Select(c => c.Key).ToList(), cancellationToken);
            if (stored.Count > 0)
            {
                var holders = await caseQueries.HoldersAsync(stored.Values.Select(p => p.CaseId).OfType<string>().Distinct().ToList(), cancellationToken);
                foreach (var (index, key) in chunk)
                {
                    if (stored.TryGetValue(key, out var post))
                        outcomes[index] = PostBatchOutcome.Accepted(PostReceipt.Of(post, post.CaseId is null ? null : holders.GetValueOrDefault(post.CaseId)));
                }
            }
            var notStored = Enumerable.Range(0, chunk.Length).Where(j => !stored.ContainsKey(chunk[j].Key)).ToArray();
            records = [.. notStored.Select(j => analysed[j])];
            todo = [.. notStored.Select(j => chunk[j])];
            if (records.Length == 0) return;

            var decided = plan = await PostBatchPlan.MakeAsync(records, single, caseQueries, accounts, now, cancellationToken);
            // Joins to stored cases and links of stored incident roots do not depend on this chunk's new cases: they
            // run beside its write, each through its case's grain (two posts joining one case meet there and take
            // turns), so their commits share group commits with it instead of queueing after it.
            var fresh = records;
            // The chunk's write is queued first (the writer takes writes in order), then the joins and links.
            var insert = storage.InsertNewAsync(decided.NewCases, decided.LoosePosts, tokensByText, cancellationToken);
            joins = Enumerable.Range(0, fresh.Length).Where(j => decided.StoredCaseToJoin(fresh[j]) is not null)
                .Select(async j => (Index: j, Receipt: await JoinAsync(fresh[j], decided.StoredCaseToJoin(fresh[j])!)))
                .ToList();
            links = decided.StoredRootsToLink.Select(single.LinkIncidentRootAsync).ToList();
            await insert;
        }
        catch (InconsistentStateException e)
        {
            logger.LogDebug(e, "A batch chunk of {Count} posts met a concurrent delivery; storing them one by one", chunk.Length);
            conflict = true;
        }
        catch
        {
            // Nothing keeps running behind a failed request (what the joins stored is found when the batch is sent again).
            await WhenAllQuietlyAsync(joins.Cast<Task>().Concat(links));
            throw;
        }
        finally
        {
            _deciding.Release();
        }
        if (conflict)
        {
            // A key was taken meanwhile (another delivery of one of these posts, in another process): nothing of the
            // chunk's write is stored, so each post goes alone; one delivered twice, or joined just now, finds the stored copy.
            await WhenAllQuietlyAsync(joins.Cast<Task>().Concat(links));
            for (var j = 0; j < records.Length; j++)
                outcomes[todo[j].Index] = PostBatchOutcome.Accepted(await single.StoreOrFindAsync(records[j], cancellationToken));
            return;
        }
        if (plan is null) return; // every post of the chunk was stored already

        for (var j = 0; j < records.Length; j++)
        {
            if (plan.HolderOf(records[j]) is { } holder) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], holder.AccountId));
            else if (!plan.IsDeferred(records[j])) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], null));
        }
        await Task.WhenAll(links);
        var afresh = Enumerable.Range(0, records.Length).Where(j => plan.IsDeferred(records[j]) && plan.StoredCaseToJoin(records[j]) is null).ToList();
        foreach (var (index, receipt) in await Task.WhenAll(joins))
        {
            if (receipt is null) afresh.Add(index);
            else outcomes[todo[index].Index] = PostBatchOutcome.Accepted(receipt);
        }
        // Replies to posts stored before, joins refused because the case closed meanwhile: decided as single posts,
        // now that this chunk's cases are stored and visible to them.
        await Task.WhenAll(afresh.Select(async j =>
            outcomes[todo[j].Index] = PostBatchOutcome.Accepted(await single.StoreOrFindAsync(records[j], cancellationToken))));
    }

    /// <summary>The post added to a stored open case through the case's grain; null when the case refused it (closed meanwhile).</summary>
    private async Task<PostReceipt?> JoinAsync(PostRecord post, string caseId)
    {
        try
        {
            return await single.JoinAsync(post, caseId);
        }
        catch (Exception e) when (e is CaseRuleException or InconsistentStateException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Closed meanwhile, or the post was stored by another delivery (elsewhere): decided again, which finds it.
            logger.LogDebug(e, "Post {Post} could not join case {Case}; deciding it again", post.Key, caseId);
            return null;
        }
    }

    private static async Task WhenAllQuietlyAsync(IEnumerable<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception)
        {
            // Observed; the caller reports its own failure.
        }
    }
}
