using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Outbound;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
        return Loaded(state, await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == key).OrderBy(e => e.Seq).ToListAsync(cancellationToken));
    }

    /// <summary>A case row read with its timeline: the stored version, as the participants must see it.</summary>
    private CaseState Loaded(CaseState state, List<CaseEvent> timeline)
    {
        state.Timeline = timeline;
        state.StoredTimelineCount = timeline.Count;
        foreach (var participant in participants) participant.Loaded(state);
        return state;
    }

    // The batch path reads the cases its chunk joins with these, for every chunk: compiled once, so EF does not walk
    // the expression again at each run (the ids are one parameter, see StorageServiceCollectionExtensions).
    private static readonly CompiledPerModel<Func<CityMatrixDbContext, string[], IAsyncEnumerable<CaseState>>> CasesById = new(() =>
        EF.CompileAsyncQuery((CityMatrixDbContext db, string[] ids) => db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))));

    private static readonly CompiledPerModel<Func<CityMatrixDbContext, string[], IAsyncEnumerable<CaseEvent>>> TimelinesOf = new(() =>
        EF.CompileAsyncQuery((CityMatrixDbContext db, string[] ids) => db.CaseEvents.AsNoTracking()
            .Where(e => ids.Contains(e.CaseId)).OrderBy(e => e.CaseId).ThenBy(e => e.Seq).AsQueryable()));

    /// <summary>
    /// The stored states of these cases (missing ones left out), read as a grain would read each: for the batch path,
    /// which changes them in memory while it holds their grains (<see cref="Grains.GrainHost.TryReserveAsync{T}"/>)
    /// and stores them with its chunk's write.
    /// </summary>
    public async Task<Dictionary<string, CaseState>> LoadManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        string[] keys = [.. ids];
        var states = new Dictionary<string, CaseState>(keys.Length);
        await foreach (var state in CasesById.For(db)(db, keys).WithCancellation(cancellationToken)) states[state.Id] = state;
        var timelines = new Dictionary<string, List<CaseEvent>>(states.Count);
        await foreach (var entry in TimelinesOf.For(db)(db, keys).WithCancellation(cancellationToken))
        {
            if (!timelines.TryGetValue(entry.CaseId, out var timeline)) timelines[entry.CaseId] = timeline = [];
            timeline.Add(entry);
        }
        foreach (var state in states.Values) Loaded(state, timelines.GetValueOrDefault(state.Id) ?? []);
        return states;
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
    /// <param name="changes">Stored cases changed in memory (posts attached, incidents linked) by a caller holding their
    /// grains, each with a copy as read: each row is updated (the columns that changed) only if still at the version read,
    /// with its new timeline entries, outbox events and posts.
    /// A case changed meanwhile (by another process) fails the whole write with <see cref="InconsistentStateException"/>.</param>
    public async Task InsertNewAsync(
        IReadOnlyList<CaseState> cases, IReadOnlyList<Posts.PostRecord> posts,
        IReadOnlyList<StoredCaseChange>? changes = null, CancellationToken cancellationToken = default)
    {
        changes ??= [];
        var changed = changes.Select(c => c.Case).ToList();
        if (cases.Count == 0 && posts.Count == 0 && changed.Count == 0) return;
        foreach (var state in cases)
        {
            if (state.Version != 0 || state.StoredTimelineCount != 0)
                throw new ArgumentException($"Case {state.Id} is not new.", nameof(cases));
        }
        var work = participants.Select(p => p.PrepareAll(cases)).OfType<Func<CityMatrixDbContext, CancellationToken, Task>>()
            .Concat(changed.Select(InTransaction).OfType<Func<CityMatrixDbContext, CancellationToken, Task>>()).ToArray();
        var versions = changed.Select(c => c.Version).ToArray();
        // Whether the entries were numbered for live delivery in the write (SQLite); set by the write that committed.
        var liveNumbered = false;
        try
        {
            await Writer.WriteAsync(rows: RowsOf(cases) + RowsOf(changed) + posts.Count, async (db, token) =>
            {
                foreach (var state in cases) state.Version = 1;
                for (var i = 0; i < changed.Count; i++) changed[i].Version = versions[i] + 1;
                // SQLite (the group-commit writer's transaction is open): one compiled INSERT per table for the whole
                // batch, and one compiled version-checked UPDATE for the changed cases. PostgreSQL: EF, which sends the
                // whole batch in few round trips. Either way the participants run last, so a lost version race has thrown.
                if (db.Database.IsSqlite() && db.Database.CurrentTransaction is not null)
                {
                    await InsertPreparedAsync(db, cases, posts, changes, versions, token);
                    foreach (var step in work) await step(db, token);
                    liveNumbered = true;
                    return 0;
                }
                liveNumbered = false;
                for (var i = 0; i < changed.Count; i++)
                {
                    // Only the columns that differ from the copy as read are set (the version among them).
                    var entry = db.Attach(changed[i]);
                    entry.OriginalValues.SetValues(changes[i].Stored);
                    entry.Property("Version").OriginalValue = versions[i];
                    entry.DetectChanges();
                    AddDependents(db, changed[i]);
                }
                foreach (var state in cases)
                {
                    db.Add(state);
                    AddDependents(db, state);
                }
                db.Posts.AddRange(posts);
                // PostgreSQL runs chunk writes side by side, and two chunks update the same counter rows (per account
                // and day, per topic, district and hour) in the order of their own cases: they deadlocked. One
                // transaction-scoped advisory lock makes chunk writes take turns; other writes are not held by it.
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                if (!db.Database.IsSqlite()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChunkWriteLock})", token);
                var saved = await SaveWithAsync(db, async (context, t) =>
                {
                    foreach (var step in work) await step(context, t);
                }, token);
                await transaction.CommitAsync(token);
                return saved;
            }, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e is DbUpdateException update && IsUniqueViolation(update) || e is SqliteException { SqliteErrorCode: 19 })
        {
            Restore();
            throw new InconsistentStateException($"{cases.Count} new cases, {changed.Count} changed cases and {posts.Count} posts: a key or version was taken by another writer.", null, null, e);
        }
        catch (Exception e) when (WriteConflicts.IsConcurrentWriteAbort(e))
        {
            // PostgreSQL: two chunks in flight updated the same counter rows (per account and day, per topic, district
            // and hour) in different orders, and the server chose this one to abort. Nothing of it is stored; the
            // caller's answer to a conflict (each post alone, in small transactions) applies as well.
            Restore();
            throw new InconsistentStateException($"{cases.Count} new cases, {changed.Count} changed cases and {posts.Count} posts: aborted by the database in a conflict with a concurrent write.", null, null, e);
        }
        catch
        {
            Restore();
            throw;
        }
        foreach (var state in cases) Written(state, liveNumbered);
        foreach (var state in changed) Written(state, liveNumbered);

        void Restore()
        {
            foreach (var state in cases) state.Version = 0;
            for (var i = 0; i < changed.Count; i++) changed[i].Version = versions[i];
        }
    }

    /// <summary>
    /// The rows EF would write (the changed cases' version-checked UPDATEs, and what <see cref="AddDependents"/> adds),
    /// through one prepared statement per table. The changed cases go first, so a lost version race throws before the rest.
    /// </summary>
    private async Task InsertPreparedAsync(
        CityMatrixDbContext db, IReadOnlyList<CaseState> cases, IReadOnlyList<Posts.PostRecord> posts, IReadOnlyList<StoredCaseChange> changes, long[] versions,
        CancellationToken cancellationToken)
    {
        var inserters = Inserters(db);
        if (changes.Count > 0)
        {
            await using var updates = inserters.CaseUpdates.Begin(db);
            for (var i = 0; i < changes.Count; i++) await updates.UpdateAsync(changes[i].Case, changes[i].Stored, versions[i], cancellationToken);
        }
        var touched = cases.Concat(changes.Select(c => c.Case)).ToList();
        await using (var command = inserters.Cases.Prepare(db))
        {
            foreach (var state in cases) await inserters.Cases.InsertAsync(command, state, cancellationToken);
        }
        // Each entry gets its live number as it is inserted: the one writer's transaction makes that safe (see SqliteLiveNumbering).
        await using (var numbering = await SqliteLiveNumbering.StartAsync(db, cancellationToken))
        await using (var command = inserters.Events.Prepare(db))
        {
            foreach (var state in touched)
            {
                var numbers = await numbering.NumberAsync(state.Timeline, state.StoredTimelineCount, cancellationToken);
                for (var i = 0; i < numbers.Length; i++)
                    await inserters.Events.InsertAsync(command, state.Timeline[state.StoredTimelineCount + i], [numbers[i]], cancellationToken);
            }
        }
        await using (var command = inserters.Outbound.Prepare(db))
        {
            foreach (var state in touched)
            {
                foreach (var @event in outbox.EventsFor(state, state.StoredTimelineCount)) await inserters.Outbound.InsertAsync(command, @event, cancellationToken);
            }
        }
        await using (var command = inserters.Posts.Prepare(db))
        {
            foreach (var post in touched.SelectMany(c => c.PostsToStore).Concat(posts)) await inserters.Posts.InsertAsync(command, post, cancellationToken);
        }
    }

    /// <summary>About the rows a write of these cases changes: each case's row, its new timeline entries and its posts.</summary>
    private static int RowsOf(IReadOnlyList<CaseState> cases)
    {
        var rows = 0;
        foreach (var state in cases) rows += 1 + state.Timeline.Count - state.StoredTimelineCount + state.PostsToStore.Count;
        return rows;
    }

    /// <summary>The advisory lock key chunk writes take in turn on PostgreSQL (any constant no other code uses).</summary>
    private const long ChunkWriteLock = 0x43_4D_43_48_55_4E_4B; // "CMCHUNK"

    private BulkInserters Inserters(CityMatrixDbContext db) => _inserters ??= new BulkInserters(
        new PreparedInserter<CaseState>(db), new PreparedUpdater<CaseState>(db), new PreparedInserter<CaseEvent>(db, [CityMatrixDbContext.LiveSeq]), new PreparedInserter<OutboundEvent>(db),
        new PreparedInserter<Posts.PostRecord>(db));

    // Built from the EF model on first use; immutable, so a race builds two equal sets and keeps one.
    private BulkInserters? _inserters;

    private sealed record BulkInserters(
        PreparedInserter<CaseState> Cases, PreparedUpdater<CaseState> CaseUpdates, PreparedInserter<CaseEvent> Events, PreparedInserter<OutboundEvent> Outbound,
        PreparedInserter<Posts.PostRecord> Posts);

    protected override void OnWritten(CaseState state) => Written(state, liveNumbered: false);

    /// <param name="liveNumbered">Whether the new entries were numbered for live delivery in the write itself.</param>
    private void Written(CaseState state, bool liveNumbered)
    {
        foreach (var participant in participants) participant.Written(state);
        outbox.Written(state, state.StoredTimelineCount);
        if (observers.Length > 0) Notify(state, liveNumbered);
        state.StoredTimelineCount = state.Timeline.Count;
        state.PostsToStore = [];
    }

    private void Notify(CaseState state, bool liveNumbered)
    {
        var commit = new CaseCommit(state.Copy(), state.Timeline[state.StoredTimelineCount..], liveNumbered);
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
