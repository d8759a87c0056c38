using CityMatrix.Silo.Grains;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Grain storage over an EF Core table whose row is the state itself, with a <c>Version</c> column as
/// the ETag. A write is one transaction: the row updated WHERE version = the version read (or inserted
/// when no row was read), plus whatever <see cref="AddDependents"/> appends. A lost race, in this
/// process or another one, surfaces as <see cref="InconsistentStateException"/> and writes nothing.
/// </summary>
public abstract class EfGrainStorage<TState>(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer) : IGrainStorage<TState>
    where TState : class, new()
{
    protected IStorageWriter Writer => writer;

    protected IDbContextFactory<CityMatrixDbContext> Contexts => contexts;

    protected abstract long GetVersion(TState state);

    protected abstract void SetVersion(TState state, long version);

    protected abstract Task<TState?> LoadAsync(CityMatrixDbContext db, string key, CancellationToken cancellationToken);

    /// <summary>Adds rows written with the state (e.g. new timeline entries).</summary>
    protected virtual void AddDependents(CityMatrixDbContext db, TState state)
    {
    }

    /// <summary>Called once the write is durable.</summary>
    protected virtual void OnWritten(TState state)
    {
    }

    /// <summary>
    /// Work that must run in the same transaction as the row, after it is saved (so a lost version race
    /// has already thrown), e.g. counter upserts; null when there is none.
    /// </summary>
    protected virtual Func<CityMatrixDbContext, CancellationToken, Task>? InTransaction(TState state) => null;

    public async Task ReadStateAsync(string grainKey, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await LoadAsync(db, grainKey, cancellationToken);
        grainState.State = stored ?? new TState();
        grainState.RecordExists = stored is not null;
        grainState.ETag = stored is null ? null : GetVersion(stored).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task WriteStateAsync(string grainKey, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var state = grainState.State;
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        var inTransaction = InTransaction(state);
        try
        {
            await writer.WriteAsync(async (db, token) =>
            {
                if (grainState.ETag is null)
                {
                    SetVersion(state, 1);
                    db.Add(state);
                }
                else
                {
                    var entry = db.Attach(state);
                    entry.State = EntityState.Modified;
                    entry.Property("Version").OriginalValue = expected;
                    SetVersion(state, expected + 1);
                }
                AddDependents(db, state);
                return inTransaction is null ? await db.SaveChangesAsync(token) : await SaveWithAsync(db, inTransaction, token);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            SetVersion(state, expected);
            throw new InconsistentStateException($"{typeof(TState).Name} {grainKey} was changed by another writer.", grainState.ETag, null, e);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Another writer inserted the row first, or appended the dependent rows (same keys) first:
            // either way this write is stale. EF may run the dependents' inserts before the version check.
            SetVersion(state, expected);
            throw new InconsistentStateException($"{typeof(TState).Name} {grainKey} was written by another writer.", grainState.ETag, null, e);
        }

        grainState.ETag = GetVersion(state).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        OnWritten(state);
    }

    /// <summary>
    /// SaveChanges and then <paramref name="work"/> in one transaction: the writer's (SQLite group commit) or
    /// one begun here (a plain per-write transaction), committed only if both succeed.
    /// </summary>
    protected static async Task<int> SaveWithAsync(CityMatrixDbContext db, Func<CityMatrixDbContext, CancellationToken, Task> work, CancellationToken token)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var saved = await db.SaveChangesAsync(token);
            await work(db, token);
            return saved;
        }
        // Our own transaction: EF would otherwise add a savepoint (one more round trip) around SaveChanges.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var count = await db.SaveChangesAsync(token);
            await work(db, token);
            await transaction.CommitAsync(token);
            return count;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    protected static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
