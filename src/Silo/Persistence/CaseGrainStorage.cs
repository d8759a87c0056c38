using CityMatrix.Silo.Cases;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

/// <summary>Stores a case row and appends its new timeline entries in the same transaction.</summary>
public sealed class CaseGrainStorage(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer) : EfGrainStorage<CaseState>(contexts, writer)
{
    protected override long GetVersion(CaseState state) => state.Version;

    protected override void SetVersion(CaseState state, long version) => state.Version = version;

    protected override async Task<CaseState?> LoadAsync(CityMatrixDbContext db, string key, CancellationToken cancellationToken)
    {
        var state = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, cancellationToken);
        if (state is null) return null;
        state.Timeline = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == key).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        state.StoredTimelineCount = state.Timeline.Count;
        return state;
    }

    protected override void AddDependents(CityMatrixDbContext db, CaseState state)
    {
        // The (case_id, seq) key makes a doubled append impossible even if this code were wrong.
        for (var i = state.StoredTimelineCount; i < state.Timeline.Count; i++) db.CaseEvents.Add(state.Timeline[i]);
        // A post's key is unique too: a second delivery of the same post loses here as a conflict.
        db.Posts.AddRange(state.PostsToStore);
    }

    protected override void OnWritten(CaseState state)
    {
        state.StoredTimelineCount = state.Timeline.Count;
        state.PostsToStore = [];
    }
}
