using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// The batch form of <see cref="PostIngestion"/>, with the same decisions per post, for a connector's NDJSON
/// batches. Per chunk of posts: one read of the posts already stored, the analysis on every core, one read of
/// the citizens' open cases and one of the first open case per topic × place, the decisions in memory (a post
/// may join a case opened earlier in the same chunk, or make it an incident's root), and then ONE write with
/// every new case, its timeline and posts, and the posts that opened no case. Only what touches a stored case
/// (a post joining it, an incident root to link, a reply to a stored post) goes through the case's grain
/// afterwards, as a single post would. Every post is answered only once its write has committed.
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

        var todo = chunk.Where(c => !stored.ContainsKey(c.Key)).ToArray();
        if (todo.Length == 0) return;
        var now = time.GetUtcNow();
        var records = new PostRecord[todo.Length];
        Parallel.For(0, todo.Length, new ParallelOptions { CancellationToken = cancellationToken },
            j => records[j] = single.ToRecord(batch[todo[j].Index]!, todo[j].Key, now));

        var plan = await PostBatchPlan.MakeAsync(records, single, caseQueries, accounts, now, cancellationToken);
        try
        {
            await storage.InsertNewAsync(plan.NewCases, plan.LoosePosts, cancellationToken);
        }
        catch (InconsistentStateException e)
        {
            // A key was taken meanwhile (another delivery of one of these posts): nothing of the chunk is
            // stored, so each post goes alone, and the one delivered twice finds the stored copy.
            logger.LogDebug(e, "A batch chunk of {Count} posts met a concurrent delivery; storing them one by one", records.Length);
            for (var j = 0; j < records.Length; j++)
                outcomes[todo[j].Index] = PostBatchOutcome.Accepted(await single.StoreOrFindAsync(records[j], cancellationToken));
            return;
        }

        for (var j = 0; j < records.Length; j++)
        {
            if (plan.HolderOf(records[j]) is { } holder) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], holder.AccountId));
            else if (!plan.IsDeferred(records[j])) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], null));
        }
        foreach (var root in plan.StoredRootsToLink) await single.LinkIncidentRootAsync(root);
        for (var j = 0; j < records.Length; j++)
        {
            if (!plan.IsDeferred(records[j])) continue;
            outcomes[todo[j].Index] = PostBatchOutcome.Accepted(await StoreDeferredAsync(records[j], plan, cancellationToken));
        }
    }

    /// <summary>A post that touches a stored case: through that case's grain, or, if the case changed meanwhile (closed), decided afresh.</summary>
    private async Task<PostReceipt> StoreDeferredAsync(PostRecord post, PostBatchPlan plan, CancellationToken cancellationToken)
    {
        if (plan.StoredCaseToJoin(post) is { } caseId)
        {
            try
            {
                return await single.JoinAsync(post, caseId);
            }
            catch (CaseRuleException e)
            {
                logger.LogDebug(e, "Post {Post} could not join case {Case}; deciding it again", post.Key, caseId);
            }
        }
        return await single.StoreOrFindAsync(post, cancellationToken);
    }
}
