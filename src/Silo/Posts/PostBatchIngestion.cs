using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// The batch form of <see cref="PostIngestion"/>, with the same decisions per post, for a connector's NDJSON
/// batches. Per chunk of posts: the analysis on every core; the reads of the citizens' open cases and of the first open
/// case per topic × place, begun once the chunk is analysed (while the chunks before it are decided); one look-up of
/// the posts already stored; the decisions in memory (a post
/// may join a case opened earlier in the same chunk, or make it an incident's root), and then ONE write with
/// every new case, its timeline and posts, and the posts that opened no case. Only what touches a stored case
/// (a post joining it, an incident root to link) goes through the case's grain, beside that write, as a single
/// post would; a reply to a post stored before is taken as a single post after it. Chunks decide one at a time
/// per process, against what is stored and what the chunks still in flight are storing (<see cref="DecideAndQueueAsync"/>),
/// and are written in that order. Every post is answered only once its write has committed.
/// </summary>
public sealed class PostBatchIngestion(
    PostIngestion single,
    PostStore posts,
    CaseQueries caseQueries,
    CaseGrainStorage storage,
    GrainHost grains,
    AccountDirectory accounts,
    TimeProvider time,
    ILogger<PostBatchIngestion> logger)
{
    /// <summary>Posts decided and written together; a larger batch is taken in chunks of this size, one after another.</summary>
    public const int ChunkSize = 500;

    private readonly SemaphoreSlim _deciding = new(1, 1);

    // Chunks decided and queued, not yet finished, oldest first. Guarded by its own lock (held only to copy or change
    // it), as are the two fields below.
    private readonly List<InFlightChunk> _inFlight = [];

    // The last chunks decided (finished or not), oldest first, and the number of the last one: what a chunk whose reads
    // began earlier must add to the chunks it saw in flight then (see BeginReads).
    private readonly Queue<InFlightChunk> _recent = new();
    private long _lastDecided;

    /// <summary>How many decided chunks are remembered for reads begun before them; a chunk whose reads are older is read again.</summary>
    private const int RecentChunks = 16;

    public async Task<IReadOnlyList<PostBatchOutcome>> IngestAsync(IReadOnlyList<IncomingPost?> batch, CancellationToken cancellationToken = default)
    {
        var lines = BatchLines.Sort(batch, time.GetUtcNow());
        foreach (var chunk in lines.Fresh.Chunk(ChunkSize)) await IngestChunkAsync(batch, chunk, lines.Outcomes, cancellationToken);
        return lines.AnswerRepeats();
    }

    private async Task IngestChunkAsync(IReadOnlyList<IncomingPost?> batch, (int Index, string Key)[] chunk, PostBatchOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var analysed = Analyse(batch, chunk, cancellationToken);
        await await StartAsync(analysed, outcomes, cancellationToken);
    }

    /// <summary>
    /// The first step of a chunk, on every core: each post's analysis; then the reads its decisions need are begun
    /// (<see cref="BeginReads"/>). Needs no turn, so the next chunk is analysed and read while this one is decided
    /// and written.
    /// </summary>
    /// <param name="batch">The posts, valid (<see cref="PostValidator"/>).</param>
    /// <param name="chunk">Which of them (index into <paramref name="batch"/> and post key), each key once.</param>
    public AnalysedChunk Analyse(IReadOnlyList<IncomingPost?> batch, (int Index, string Key)[] chunk, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var analysed = new PostRecord[chunk.Length];
        Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken },
            j => analysed[j] = single.ToRecord(batch[chunk[j].Index]!, chunk[j].Key, now));
        return new AnalysedChunk(chunk, analysed, now) { Reads = BeginReads(analysed, now, cancellationToken) };
    }

    /// <summary>
    /// Begins the reads a chunk's decisions need (<see cref="PostBatchPlan.ReadAsync"/>) as soon as it is analysed, so
    /// they run while the chunks before it are decided instead of behind the gate. What the reads cannot see is what
    /// the chunks in flight are storing: those taken with the reads, and every chunk decided after them (a chunk that
    /// commits after the reads began is one or the other: it is in flight until it has committed, and it is numbered
    /// when it is decided). The decider adds both to the chunks it decides against.
    /// </summary>
    private ChunkReads BeginReads(PostRecord[] records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        InFlightChunk[] flying;
        long after;
        lock (_inFlight)
        {
            flying = [.. _inFlight];
            after = _lastDecided;
        }
        // Begun after the snapshot: a chunk that finished before it has committed, and the reads see its cases.
        var reads = PostBatchPlan.ReadAsync(records, caseQueries, now, cancellationToken);
        // Observed even when the chunk is never decided (ingestion stopped) or fails before it awaits them.
        _ = reads.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return new ChunkReads(flying, after, reads);
    }

    /// <summary>The chunks to decide against for reads begun at <paramref name="reads"/>, oldest first; null when too many were decided since.</summary>
    private InFlightChunk[]? ChunksSince(ChunkReads reads)
    {
        lock (_inFlight)
        {
            if (_lastDecided - reads.AfterDecided > _recent.Count) return null;
            var decidedSince = _recent.Where(c => c.Number > reads.AfterDecided);
            return [.. reads.Flying.Concat(decidedSince).DistinctBy(c => c.Number).OrderBy(c => c.Number)];
        }
    }

    /// <summary>
    /// Decides an analysed chunk and queues its write, in turn with the other chunks of this process (the order of
    /// the calls is the order of the decisions). Returns once the write is queued, with the task that finishes the
    /// chunk: it sets each post's outcome (by its index in <paramref name="outcomes"/>) once the write has committed.
    /// Chunks started one after another are thus decided in that order while their writes and grain work overlap.
    /// </summary>
    public async Task<Task> StartAsync(AnalysedChunk chunk, PostBatchOutcome[] outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var queued = await DecideAndQueueAsync(chunk.Posts, chunk.Records, chunk.Reads, outcomes, chunk.At, cancellationToken);
        // null: every post of the chunk was stored already.
        return queued is null ? Task.CompletedTask : FinishAsync(queued, outcomes, cancellationToken);
    }

    private async Task FinishAsync(QueuedChunk queued, PostBatchOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var (records, todo, plan, insert, before, mine, joins, links, joinedInWrite, released) = queued;
        try
        {
            try
            {
                await insert;
            }
            catch (InconsistentStateException e)
            {
                // A key was taken meanwhile (another delivery of one of these posts, in another process): nothing of
                // the chunk's write is stored, so each post goes alone; one delivered twice, or joined just now, finds
                // the stored copy.
                logger.LogDebug(e, "A batch chunk of {Count} posts met a concurrent delivery; storing them one by one", records.Length);
                await WhenAllQuietlyAsync(joins.Cast<Task>().Concat(links).Append(before).Append(released));
                for (var j = 0; j < records.Length; j++)
                    outcomes[todo[j].Index] = PostBatchOutcome.Accepted(await single.StoreOrFindAsync(records[j], cancellationToken));
                return;
            }
            catch
            {
                // Nothing keeps running behind a failed request (what the joins stored is found when the batch is sent again).
                await WhenAllQuietlyAsync(joins.Cast<Task>().Concat(links));
                throw;
            }

            for (var j = 0; j < records.Length; j++)
            {
                if (plan.HolderOf(records[j]) is { } holder) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], holder.AccountId));
                else if (joinedInWrite.TryGetValue(j, out var joined))
                {
                    if (joined is not null) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], joined.AccountId));
                }
                else if (!plan.IsDeferred(records[j])) outcomes[todo[j].Index] = PostBatchOutcome.Accepted(PostReceipt.Of(records[j], null));
            }
            await Task.WhenAll(links);
            var afresh = Enumerable.Range(0, records.Length)
                .Where(j => plan.IsDeferred(records[j]) && plan.StoredCaseToJoin(records[j]) is null || joinedInWrite.TryGetValue(j, out var refused) && refused is null)
                .ToList();
            foreach (var (index, receipt) in await Task.WhenAll(joins))
            {
                if (receipt is null) afresh.Add(index);
                else outcomes[todo[index].Index] = PostBatchOutcome.Accepted(receipt);
            }
            // Replies to posts stored before, joins refused because the case closed meanwhile: decided as single posts,
            // once this chunk's cases and those of the chunks before it are stored and visible to them.
            await before;
            await Task.WhenAll(afresh.Select(async j =>
                outcomes[todo[j].Index] = PostBatchOutcome.Accepted(await single.StoreOrFindAsync(records[j], cancellationToken))));
        }
        finally
        {
            lock (_inFlight) _inFlight.Remove(mine);
            mine.Done.TrySetResult();
        }
    }

    /// <summary>
    /// Behind the gate, one chunk at a time per process: looks up the posts already stored, decides the rest against
    /// what is stored AND what the chunks still in flight are storing (their new cases, by citizen and by topic ×
    /// place), and queues the chunk's write. The gate opens once the write is queued, not committed, so the next
    /// chunk decides while this one commits: each still sees the ones before it, as if the posts had come one by one.
    /// (The writer takes writes in order on SQLite; on PostgreSQL a later chunk may commit first, which only its
    /// grain work could notice, and that waits for the chunks before.)
    /// </summary>
    private async Task<QueuedChunk?> DecideAndQueueAsync(
        (int Index, string Key)[] chunk, PostRecord[] analysed, ChunkReads? begun, PostBatchOutcome[] outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _deciding.WaitAsync(cancellationToken);
        try
        {
            // The cases the decisions look at: read since the chunk was analysed (or, if many chunks were decided since,
            // read again now), beside the look-up of the posts below.
            var flying = begun is null ? null : ChunksSince(begun);
            if (begun is null || flying is null)
            {
                // Behind the gate nothing is decided between these two calls.
                begun = BeginReads(analysed, now, cancellationToken);
                flying = ChunksSince(begun)!;
            }
            var reads = begun.Reads;
            // The same post in a chunk still in flight (sent twice in quick succession): let that one finish, so the
            // lookup finds it stored and this copy gets its answer.
            var keys = chunk.Select(c => c.Key).ToHashSet();
            var samePosts = flying.Where(f => f.Keys.Overlaps(keys)).Select(f => f.Done.Task).ToList();
            if (samePosts.Count > 0) await Task.WhenAll(samePosts);

            var stored = await posts.FindManyAsync(keys, cancellationToken);
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
            if (notStored.Length == 0) return null;
            PostRecord[] records = [.. notStored.Select(j => analysed[j])];

            var plan = await PostBatchPlan.MakeAsync(records, await reads, single, caseQueries, accounts, [.. flying.SelectMany(f => f.NewCases)], now, cancellationToken);
            var flyingCases = flying.SelectMany(f => f.NewCases).Select(c => c.Id).ToHashSet();
            var (held, changed, joinedInWrite, linkedInWrite) = await ChangeStoredCasesAsync(records, plan, flyingCases, now, cancellationToken);
            // Queued before anything else of this chunk (the writer takes writes in order).
            var insert = storage.InsertNewAsync(plan.NewCases, plan.LoosePosts, changed, cancellationToken);
            // The held grains are let go as soon as the write is over, stored or not: their next calls read what it stored.
            var released = ReleaseWhenOverAsync(insert, held);
            InFlightChunk mine;
            lock (_inFlight)
            {
                mine = new InFlightChunk(
                    ++_lastDecided,
                    [.. records.Select(r => r.Key)],
                    [.. plan.NewCases.Select(c => new CaseSketch(c.Id, c.CitizenId, c.Category, c.Topic, c.RegionCode, c.ReceivedAt, c.IncidentId))]);
                _inFlight.Add(mine);
                _recent.Enqueue(mine);
                if (_recent.Count > RecentChunks) _recent.Dequeue();
            }
            var before = Task.WhenAll(flying.Select(f => f.Done.Task));

            // What touches a stored case goes through the case's grain, beside this chunk's write, and is started here,
            // behind the gate, so that two chunks joining one case reach its grain in chunk order (a grain takes calls
            // in arrival order). Only a case of a chunk still in flight (a repeat of a post sent moments before) must
            // wait for the chunks before this one: its grain would not find it yet. A stored case needs no wait, so a
            // chunk does not queue behind the joins of the chunk before it.
            async Task<T> AfterItsCaseIsStored<T>(string caseId, Func<Task<T>> work)
            {
                if (flyingCases.Contains(caseId)) await before;
                return await work();
            }
            var joins = Enumerable.Range(0, records.Length).Where(j => plan.StoredCaseToJoin(records[j]) is not null && !joinedInWrite.ContainsKey(j))
                .Select(j => AfterItsCaseIsStored(plan.StoredCaseToJoin(records[j])!,
                    async () => (Index: j, Receipt: await JoinAsync(records[j], plan.StoredCaseToJoin(records[j])!))))
                .ToList();
            var links = plan.StoredRootsToLink.Where(root => !linkedInWrite.Contains(root)).Select(root => AfterItsCaseIsStored<bool>(root, async () =>
            {
                await single.LinkIncidentRootAsync(root);
                return true;
            })).ToList<Task>();
            return new QueuedChunk(records, [.. notStored.Select(j => chunk[j])], plan, insert, before, mine, joins, links, joinedInWrite, released);
        }
        finally
        {
            _deciding.Release();
        }
    }

    /// <summary>A chunk whose write is queued: its posts, the plan, the write, and the chunks in flight before it.</summary>
    private sealed record QueuedChunk(
        PostRecord[] Records, (int Index, string Key)[] Todo, PostBatchPlan Plan, Task Insert, Task Before, InFlightChunk Mine,
        List<Task<(int Index, PostReceipt? Receipt)>> Joins, List<Task> Links, Dictionary<int, CaseState?> JoinedInWrite, Task Released);

    /// <summary>
    /// The stored cases this chunk's posts join, and the stored incident roots it links, changed in memory with the
    /// grain's own rules and stored with the chunk's write instead of one grain write each (which would queue a hundred
    /// small writes per chunk behind the one writer). Only cases whose grain is idle right now are taken, and their
    /// grains are held until the write is over; the rest (busy grains, cases of chunks in flight) go through the grains.
    /// Returns the holds, the changed states, the posts joined in the write (index → case, or null where the case
    /// refused the post, e.g. closed meanwhile: that post is decided again as a single post) and the roots linked.
    /// </summary>
    private async Task<(List<IAsyncDisposable> Held, List<StoredCaseChange> Changed, Dictionary<int, CaseState?> Joined, HashSet<string> Linked)> ChangeStoredCasesAsync(
        PostRecord[] records, PostBatchPlan plan, HashSet<string> flyingCases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = new List<IAsyncDisposable>();
        var joined = new Dictionary<int, CaseState?>();
        var linked = new HashSet<string>();
        var wanted = Enumerable.Range(0, records.Length).Select(j => plan.StoredCaseToJoin(records[j])).OfType<string>()
            .Concat(plan.StoredRootsToLink).Where(id => !flyingCases.Contains(id)).Distinct().ToList();
        if (wanted.Count == 0) return (held, [], joined, linked);
        var taken = new List<string>();
        try
        {
            foreach (var id in wanted)
            {
                if (await grains.TryReserveAsync<ICaseGrain>(id) is { } hold)
                {
                    held.Add(hold);
                    taken.Add(id);
                }
            }
            var states = await storage.LoadManyAsync(taken, cancellationToken);
            var changed = new Dictionary<string, StoredCaseChange>();
            for (var j = 0; j < records.Length; j++)
            {
                if (plan.StoredCaseToJoin(records[j]) is not { } id || !states.TryGetValue(id, out var state)) continue;
                try
                {
                    // AttachPost as the grain applies it (the rules refuse before they change anything).
                    var stored = changed.TryGetValue(id, out var change) ? change.Stored : state.Copy();
                    CaseLifecycle.Apply(state, id, new AttachPost(single.System, records[j].Key), now, accounts);
                    state.PostsToStore.Add(records[j]);
                    changed[id] = new StoredCaseChange(state, stored);
                    joined[j] = state;
                }
                catch (CaseRuleException)
                {
                    joined[j] = null;
                }
            }
            foreach (var root in plan.StoredRootsToLink)
            {
                if (!states.TryGetValue(root, out var state)) continue;
                linked.Add(root);
                try
                {
                    var stored = changed.TryGetValue(root, out var change) ? change.Stored : state.Copy();
                    CaseLifecycle.Apply(state, root, new LinkIncident(single.System, root), now, accounts);
                    changed[root] = new StoredCaseChange(state, stored);
                }
                catch (CaseRuleException e) when (e.Error == DomainError.Conflict)
                {
                    // Linked already.
                }
            }
            return (held, [.. changed.Values], joined, linked);
        }
        catch
        {
            foreach (var hold in held) await hold.DisposeAsync();
            throw;
        }
    }

    private static async Task ReleaseWhenOverAsync(Task write, List<IAsyncDisposable> held)
    {
        try
        {
            await write;
        }
        catch (Exception)
        {
            // The chunk reports its own failure; the grains are let go either way.
        }
        finally
        {
            foreach (var hold in held) await hold.DisposeAsync();
        }
    }

    /// <summary>A chunk decided and queued but not finished: what the next chunks must decide against.</summary>
    internal sealed record InFlightChunk(long Number, HashSet<string> Keys, IReadOnlyList<CaseSketch> NewCases)
    {
        /// <summary>Set when the chunk is over, written or not (never faulted).</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A chunk's reads (<see cref="PostBatchPlan.ReadAsync"/>), begun when the chunks in <paramref name="Flying"/>
    /// were in flight and <paramref name="AfterDecided"/> was the number of the last chunk decided.</summary>
    internal sealed record ChunkReads(InFlightChunk[] Flying, long AfterDecided, Task<PlanReads> Reads);

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
