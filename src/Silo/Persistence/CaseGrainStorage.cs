using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Stores a case row and appends its new timeline entries, their outbox events and the posts that came with
/// them, in one transaction, together with the rows of the <see cref="ICaseWriteParticipant"/>s (metric counters).
/// </summary>
public sealed class CaseGrainStorage(
    IDbContextFactory<CityMatrixDbContext> contexts,
    IStorageWriter writer,
    CaseOutbox outbox,
    IEnumerable<ICaseCommitObserver> observers,
    IEnumerable<ICaseWriteParticipant> participants,
    ILogger<CaseGrainStorage> logger)
    : EfGrainStorage<CaseState>(contexts, writer)
{
    private readonly ICaseCommitObserver[] observers = [.. observers];
    private readonly ICaseWriteParticipant[] participants = [.. participants];

    protected override long GetVersion(CaseState state) => state.Version;

    protected override void SetVersion(CaseState state, long version) => state.Version = version;

    protected override async Task<CaseState?> LoadAsync(CityMatrixDbContext db, string key, CancellationToken cancellationToken)
    {
        var state = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, cancellationToken);
        if (state is null) return null;
        state.Timeline = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == key).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        state.StoredTimelineCount = state.Timeline.Count;
        foreach (var participant in participants) participant.Loaded(state);
        return state;
    }

    protected override Func<CityMatrixDbContext, CancellationToken, Task>? InTransaction(CaseState state)
    {
        var work = participants.Select(p => p.Prepare(state)).OfType<Func<CityMatrixDbContext, CancellationToken, Task>>().ToArray();
        return work.Length switch
        {
            0 => null,
            1 => work[0],
            _ => async (db, token) =>
            {
                foreach (var step in work) await step(db, token);
            },
        };
    }

    protected override void AddDependents(CityMatrixDbContext db, CaseState state)
    {
        // The (case_id, seq) key makes a doubled append impossible even if this code were wrong.
        for (var i = state.StoredTimelineCount; i < state.Timeline.Count; i++) db.CaseEvents.Add(state.Timeline[i]);
        // Transactional outbox: a published change (reply, close…) is stored with the case or not at all.
        db.OutboundEvents.AddRange(outbox.EventsFor(state, state.StoredTimelineCount));
        // A post's key is unique too: a second delivery of the same post loses here as a conflict.
        db.Posts.AddRange(state.PostsToStore);
    }

    /// <summary>
    /// Inserts new cases (each with its timeline, outbox events and posts) and posts that opened no case, all in
    /// ONE write: the batch path of ingestion, where per-case writes would cost a round of EF work each. The
    /// cases must be new (built by <see cref="CaseLifecycle"/> from an OpenCase) and their grains not active: the
    /// ids are derived from new posts, so nobody can have asked for them yet. Any key already taken (a post
    /// delivered twice at once, elsewhere) fails the whole write with <see cref="InconsistentStateException"/>
    /// and nothing is stored; the caller then takes each post alone. Participants and observers see each case
    /// exactly as they would after a grain's write.
    /// </summary>
    public async Task InsertNewAsync(IReadOnlyList<CaseState> cases, IReadOnlyList<Posts.PostRecord> posts, CancellationToken cancellationToken = default)
    {
        if (cases.Count == 0 && posts.Count == 0) return;
        foreach (var state in cases)
        {
            if (state.Version != 0 || state.StoredTimelineCount != 0)
                throw new ArgumentException($"Case {state.Id} is not new.", nameof(cases));
        }
        var work = participants.Select(p => p.PrepareAll(cases)).OfType<Func<CityMatrixDbContext, CancellationToken, Task>>().ToArray();
        try
        {
            await Writer.WriteAsync(async (db, token) =>
            {
                foreach (var state in cases)
                {
                    state.Version = 1;
                    db.Add(state);
                    AddDependents(db, state);
                }
                db.Posts.AddRange(posts);
                return await SaveWithAsync(db, async (context, t) =>
                {
                    foreach (var step in work) await step(context, t);
                }, token);
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            foreach (var state in cases) state.Version = 0;
            throw new InconsistentStateException($"{cases.Count} new cases and {posts.Count} posts: a key was taken by another writer.", null, null, e);
        }
        catch
        {
            foreach (var state in cases) state.Version = 0;
            throw;
        }
        foreach (var state in cases) OnWritten(state);
    }

    protected override void OnWritten(CaseState state)
    {
        foreach (var participant in participants) participant.Written(state);
        outbox.Written(state, state.StoredTimelineCount);
        if (observers.Length > 0) Notify(state);
        state.StoredTimelineCount = state.Timeline.Count;
        state.PostsToStore = [];
    }

    private void Notify(CaseState state)
    {
        var commit = new CaseCommit(state.Copy(), state.Timeline[state.StoredTimelineCount..]);
        foreach (var observer in observers)
        {
            try
            {
                observer.OnCommitted(commit);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Case observer {Observer} failed on case {CaseId}", observer.GetType().Name, state.Id);
            }
        }
    }
}
