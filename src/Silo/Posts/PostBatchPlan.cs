using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// What a chunk of analysed, not yet stored posts becomes, decided in memory with <see cref="PostIngestion"/>'s
/// rules, post after post in batch order: no case (a loose post); joining a case opened earlier in the chunk;
/// or a new case, built by <see cref="CaseLifecycle"/> exactly as its grain would (受理, 转办, incident link).
/// Whatever needs a stored case's grain is deferred: joining it runs through the grain beside the chunk's write,
/// and a reply to a post stored before is taken as a single post after it.
/// </summary>
internal sealed class PostBatchPlan
{
    private readonly Dictionary<PostRecord, CaseState> _caseOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PostRecord, string?> _deferred = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<Candidate>> _openByCitizen = [];
    private readonly Dictionary<(string Topic, string Region), List<CaseState>> _newByPlace = [];

    private PostBatchPlan()
    {
    }

    /// <summary>New cases, each holding its posts; stored in one write.</summary>
    public List<CaseState> NewCases { get; } = [];

    /// <summary>Posts that opened no case; stored in the same write.</summary>
    public List<PostRecord> LoosePosts { get; } = [];

    /// <summary>Stored cases (or cases of chunks in flight) that became an incident's root: linked through their grains beside the write.</summary>
    public HashSet<string> StoredRootsToLink { get; } = [];

    /// <summary>The new case that holds the post (opened by it or joined), or null.</summary>
    public CaseState? HolderOf(PostRecord post) => _caseOf.GetValueOrDefault(post);

    /// <summary>The post is not in the write: it is stored by itself, through a grain or as a single post.</summary>
    public bool IsDeferred(PostRecord post) => _deferred.ContainsKey(post);

    /// <summary>The stored open case a deferred post should join, or null when it is to be decided afresh.</summary>
    public string? StoredCaseToJoin(PostRecord post) => _deferred.GetValueOrDefault(post);

    /// <summary>
    /// What the decisions read from the store for these posts: the open cases of their citizens and the first open case
    /// of each topic × place among them. Independent of each other and of the look-up of the posts already stored, so
    /// the three run side by side (on the thread pool: Microsoft.Data.Sqlite's async calls complete synchronously, so
    /// a read started without it would run to its end first); posts found stored meanwhile only add candidates no
    /// decision looks at.
    /// </summary>
    public static async Task<PlanReads> ReadAsync(IReadOnlyList<PostRecord> records, CaseQueries queries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - PostIngestion.DuplicateWindow;
        var complaints = records.Where(r => r.IsComplaint).ToList();
        var citizens = complaints.Select(PostIngestion.CitizenOf).Distinct().ToList();
        var places = complaints.Where(c => c.Topic is not null && c.RegionCode is not null).Select(c => (c.Topic!, c.RegionCode!)).Distinct().ToList();
        var open = Task.Run(() => queries.OpenCasesOfCitizensAsync(citizens, since, cancellationToken), cancellationToken);
        var firsts = Task.Run(() => queries.FirstOpenCasesAsync(places, since, cancellationToken), cancellationToken);
        return new PlanReads(await open, await firsts);
    }

    /// <param name="reads">What <see cref="ReadAsync"/> read for these posts (or for more), begun after the chunks in
    /// <paramref name="inFlight"/> were taken, so that whatever of theirs committed meanwhile is in one or the other.</param>
    /// <param name="inFlight">New cases of earlier chunks whose writes are queued but not yet visible to queries, oldest
    /// first: they count as stored (a repeat joins them through the grain, after they are written).</param>
    public static async Task<PostBatchPlan> MakeAsync(
        IReadOnlyList<PostRecord> records, PlanReads reads, PostIngestion single, CaseQueries queries, AccountDirectory accounts, IReadOnlyList<CaseSketch> inFlight,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = new PostBatchPlan();
        var since = now - PostIngestion.DuplicateWindow;
        var citizens = records.Where(r => r.IsComplaint).Select(PostIngestion.CitizenOf).Distinct().ToList();
        foreach (var open in reads.OpenCases)
            plan.CandidatesOf(open.CitizenId).Add(new Candidate(open.Id, open.Category, open.Topic, open.ReceivedAt, null));
        var firsts = reads.FirstOpenCases.ToDictionary(c => (c.Topic!, c.RegionCode!));
        var citizenSet = citizens.ToHashSet();
        foreach (var flying in inFlight)
        {
            if (citizenSet.Contains(flying.CitizenId))
                plan.CandidatesOf(flying.CitizenId).Add(new Candidate(flying.Id, flying.Category, flying.Topic, flying.ReceivedAt, null));
            // A stored first case is older than any in flight; one in flight is the first only where none is stored.
            if (flying.Topic is not null && flying.RegionCode is not null) firsts.TryAdd((flying.Topic, flying.RegionCode), flying);
        }
        var inBatch = new Dictionary<string, PostRecord>();
        foreach (var record in records) inBatch.TryAdd(record.Key, record);

        foreach (var post in records)
        {
            post.ProcessedAt = now;
            if (!post.IsComplaint)
            {
                post.Outcome = PostOutcome.NotComplaint;
                plan.LoosePosts.Add(post);
                continue;
            }
            var citizen = PostIngestion.CitizenOf(post);
            if (post.ReplyToPostId is not null)
            {
                // A reply joins the case of the post it answers (same citizen, case open). A post stored before
                // this batch is looked at by the single-post path after the write.
                if (!inBatch.TryGetValue(PostRecord.KeyOf(post.Platform, post.ReplyToPostId), out var repliedTo) || plan.IsDeferred(repliedTo))
                {
                    plan._deferred[post] = null;
                    continue;
                }
                if (plan.HolderOf(repliedTo) is { IsOpen: true } repliedCase && repliedTo.CitizenId == post.CitizenId)
                {
                    plan.Attach(post, repliedCase, single, accounts, now);
                    continue;
                }
            }
            if (plan.LatestOpenCase(citizen, post.Category, post.Topic) is { } same)
            {
                if (same.New is { } state) plan.Attach(post, state, single, accounts, now);
                else
                {
                    post.Outcome = PostOutcome.JoinedCase;
                    post.CaseId = same.Id;
                    plan._deferred[post] = same.Id;
                }
                continue;
            }
            string? incident = null;
            if (post.Topic is { } topic && post.RegionCode is { } region)
            {
                incident = await plan.StoredIncidentAsync(firsts, citizen, topic, region, queries, since, cancellationToken)
                    ?? plan.BatchIncident(citizen, topic, region, single, accounts, now);
            }
            plan.Open(post, citizen, incident, single, accounts, now);
        }
        return plan;
    }

    private List<Candidate> CandidatesOf(string citizen)
    {
        if (!_openByCitizen.TryGetValue(citizen, out var list)) _openByCitizen[citizen] = list = [];
        return list;
    }

    /// <summary><see cref="CaseQueries.OpenCaseOfCitizenAsync"/>'s rule, over the stored cases read and those opened in this chunk.</summary>
    private Candidate? LatestOpenCase(string citizen, string category, string? topic)
    {
        Candidate? best = null;
        foreach (var c in CandidatesOf(citizen))
        {
            var matches = topic is not null ? c.Topic == topic : c.Category == category && c.Topic is null;
            if (matches && (best is null || c.ReceivedAt >= best.ReceivedAt)) best = c;
        }
        return best;
    }

    /// <summary>The incident of the first stored open case of another citizen about this topic in this place.</summary>
    private async Task<string?> StoredIncidentAsync(
        Dictionary<(string, string), CaseSketch> firsts, string citizen, string topic, string region, CaseQueries queries, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!firsts.TryGetValue((topic, region), out var first)) return null;
        (string Id, string? IncidentId)? root = first.CitizenId != citizen
            ? (first.Id, first.IncidentId)
            // The first one is this citizen's own (rare: it would usually have been joined): ask for the next.
            : await queries.IncidentRootAsync(citizen, topic, region, since, cancellationToken) is { } other ? (other.Id, other.IncidentId) : null;
        if (root is null) return null;
        if (root.Value.IncidentId is null) StoredRootsToLink.Add(root.Value.Id);
        return root.Value.IncidentId ?? root.Value.Id;
    }

    /// <summary>The incident of the first case opened in this chunk by another citizen about this topic in this place.</summary>
    private string? BatchIncident(string citizen, string topic, string region, PostIngestion single, AccountDirectory accounts, DateTimeOffset now)
    {
        if (!_newByPlace.TryGetValue((topic, region), out var list) || list.FirstOrDefault(s => s.CitizenId != citizen) is not { } root) return null;
        if (root.IncidentId is null) CaseLifecycle.Apply(root, root.Id, new LinkIncident(single.System, root.Id), now, accounts);
        return root.IncidentId;
    }

    private void Attach(PostRecord post, CaseState state, PostIngestion single, AccountDirectory accounts, DateTimeOffset now)
    {
        CaseLifecycle.Apply(state, state.Id, new AttachPost(single.System, post.Key), now, accounts);
        state.PostsToStore.Add(post);
        post.Outcome = PostOutcome.JoinedCase;
        post.CaseId = state.Id;
        _caseOf[post] = state;
    }

    private void Open(PostRecord post, string citizen, string? incident, PostIngestion single, AccountDirectory accounts, DateTimeOffset now)
    {
        var caseId = CaseIds.ForPost(post.Key, post.ReceivedAt);
        var state = new CaseState();
        try
        {
            foreach (var command in single.OpeningCommands(post, incident)) CaseLifecycle.Apply(state, caseId, command, now, accounts);
        }
        catch (CaseRuleException)
        {
            // Refused (say, a routing rule names an account that was deactivated): the single-post path gives
            // the post the answer it would have had alone.
            _deferred[post] = null;
            return;
        }
        post.Outcome = PostOutcome.CaseOpened;
        post.CaseId = caseId;
        state.PostsToStore = [post];
        NewCases.Add(state);
        _caseOf[post] = state;
        CandidatesOf(citizen).Add(new Candidate(state.Id, state.Category, state.Topic, state.ReceivedAt, state));
        if (state.Topic is { } topic && state.RegionCode is { } region)
        {
            if (!_newByPlace.TryGetValue((topic, region), out var list)) _newByPlace[(topic, region)] = list = [];
            list.Add(state);
        }
    }

    private sealed record Candidate(string Id, string Category, string? Topic, DateTimeOffset ReceivedAt, CaseState? New);
}
