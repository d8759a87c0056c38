using CityMatrix.Silo.Cases;
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
