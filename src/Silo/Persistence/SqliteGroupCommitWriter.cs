using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Group commit for SQLite. SQLite has one writer at a time and FULL durability costs a sync per commit, so
/// writers queue here and one loop runs whatever is queued in a single transaction: each write inside its own
/// savepoint (a failing write is rolled back alone and gets its exception), then one COMMIT, and only then is
/// every write in the group answered. Under load, thousands of writes share one sync; when idle a write
/// commits at once. Readers use their own connections (WAL) and never wait for this loop.
/// A savepoint copies every page its write changes into the sub-journal, and an in-memory sub-journal is
/// walked from its start at the end of every statement. For a small write that is a few pages; for a chunk of
/// 500 posts it was most of the server's writes (file) or quadratic (memory). So a write queued with
/// <see cref="WriteAloneAsync{T}"/> runs with no savepoint. Large writes queued one after another share a
/// transaction and its sync (under ingestion the writer is mostly chunk writes, and a commit with its sync cost a
/// third of the writer's time when each had its own); if one of them throws, that transaction is rolled back and
/// each of them runs again in a transaction of its own, where rolling back is rolling the one write back.
/// </summary>
public sealed class SqliteGroupCommitWriter : IStorageWriter, IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StorageOptions _options;
    private readonly ILogger<SqliteGroupCommitWriter> _logger;
    private readonly Lazy<Task> _loop;
    // FULL durability: the WAL is synced off the loop before writes are answered (null for NORMAL, OFF).
    private readonly SqliteWalSync? _sync;
    // Whether the open connection commits without syncing and leaves that to _sync: only in WAL mode, where a commit
    // is frames appended to the WAL and syncing the WAL file is all FULL adds. Touched by the loop only.
    private bool _syncsOffLoop;
    // Copies the WAL into the database file beside the loop (WAL mode only); started with the first connection.
    private SqliteWalCheckpointer? _checkpointer;

    /// <summary>The checkpointer beside the loop, once the connection is open in WAL mode (for tests).</summary>
    internal SqliteWalCheckpointer? Checkpointer => _checkpointer;
    private readonly TimeProvider _time;

    /// <summary>
    /// How often <see cref="SqliteWalCheckpointer"/> copies committed WAL frames into the database file. Every 300 ms
    /// cost less CPU than every 100 ms (hot pages copied fewer times) with the same tail (docs/PERFORMANCE.md).
    /// </summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(300);

    public SqliteGroupCommitWriter(IOptions<StorageOptions> options, TimeProvider time, ILogger<SqliteGroupCommitWriter> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
        if (string.Equals(_options.SqliteSynchronous, "FULL", StringComparison.OrdinalIgnoreCase)) _sync = new SqliteWalSync(_options.SqlitePath, logger);
    }

    public Task WhenDurableAsync() => _sync?.WhenDurableAsync() ?? Task.CompletedTask;

    public Task<T> WriteAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default) =>
        Enqueue(write, alone: false);

    public Task<T> WriteAloneAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default) =>
        Enqueue(write, alone: true);

    private Task<T> Enqueue<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, bool alone)
    {
        _ = _loop.Value;
        var pending = new PendingWrite<T>(write, alone);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteGroupCommitWriter));
        return pending.Task;
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        DbContextOptions<CityMatrixDbContext>? contextOptions = null;
        var batch = new List<PendingWrite>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                if (connection is not null && _checkpointer?.TakeFinishDue() == true) await FinishCheckpointAsync(connection);
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                // In queue order: the large writes queued one after another are one group, the small writes between them another.
                for (var start = 0; start < batch.Count;)
                {
                    var end = start + 1;
                    while (end < batch.Count && batch[end].Alone == batch[start].Alone) end++;
                    var group = batch.GetRange(start, end - start);
                    start = end;
                    try
                    {
                        // (Re)open lazily: a connection that failed is replaced for the next group, so one bad
                        // moment (a full disk, a locked file) fails the writes of that group, not every write after.
                        if (connection is null)
                        {
                            connection = await OpenAsync();
                            contextOptions = new DbContextOptionsBuilder<CityMatrixDbContext>()
                                .UseSqlite(connection, StorageServiceCollectionExtensions.SqliteQueries)
                                .AddInterceptors(SqliteStatementCache.Shared).Options;
                        }
                    }
                    catch (Exception e)
                    {
                        _logger.LogError(e, "The SQLite write connection could not be opened; {Count} writes failed", group.Count);
                        foreach (var write in group)
                        {
                            write.Failed(e);
                            write.Complete();
                        }
                        continue;
                    }
                    if (!await RunGroupAsync(connection, contextOptions!, group))
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={_options.SqlitePath};Default Timeout=30;Pooling=False");
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        // A 16 MB page cache (default 2 MB): every write goes through this one connection, and a chunk of posts
        // touches a dozen indexes whose pages then stay in memory between commits. Not larger: a commit after a b-tree
        // page split walks every page in the cache (the split parks a page at the lock-byte page's number, past the end
        // of the file, and the commit drops the cached pages past the end by visiting them all), so at 64 MB each chunk
        // commit spent ~2 ms of the writer's time walking 16,000 pages; re-reading a page from the OS costs less.
        // Checkpoint at 10,000 WAL pages (40 MB) instead of SQLite's 1,000: a chunk of 500 posts writes a few thousand, so the
        // default checkpointed in nearly every commit, on this one writer, copying the same hot index pages again each
        // time; a larger WAL copies each of them once per checkpoint (server writes per post 26 -> 19 KB, batches +6 %).
        // A checkpoint after every commit on a second connection was tried and was slower (no such saving). The checkpoint
        // in the commit still restarts the WAL from its beginning, but finds little left to copy: SqliteWalCheckpointer
        // copies the frames beside the loop.
        pragma.CommandText = "PRAGMA journal_mode";
        var wal = string.Equals(await pragma.ExecuteScalarAsync() as string, "wal", StringComparison.OrdinalIgnoreCase);
        _syncsOffLoop = _sync is not null && wal;
        if (wal) _checkpointer ??= new SqliteWalCheckpointer(_options.SqlitePath, CheckpointInterval, _time, _logger);
        // FULL is kept by SqliteWalSync: the commit itself does not wait for the disk.
        pragma.CommandText = $"PRAGMA synchronous={(_syncsOffLoop ? "NORMAL" : _options.SqliteSynchronous)}; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=10000; {SqliteTempStore.Pragma} {SqliteBusyWait.Pragma}";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>
    /// Finishes the checkpointer's pass on this connection, between two groups (no transaction open): copies the frames
    /// committed during the pass, so the next write starts the WAL from its beginning. Only a saving: if it fails, the
    /// automatic checkpoint still bounds the WAL.
    /// </summary>
    private async Task FinishCheckpointAsync(SqliteConnection connection)
    {
        try
        {
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        catch (SqliteException e)
        {
            _logger.LogWarning(e, "The writer could not finish a WAL checkpoint; its automatic checkpoint covers it");
        }
    }

    /// <summary>Runs one group in one transaction; false when the transaction itself failed (the connection is then replaced).</summary>
    private async Task<bool> RunGroupAsync(SqliteConnection connection, DbContextOptions<CityMatrixDbContext> contextOptions, List<PendingWrite> group)
    {
        var committed = true;
        try
        {
            if (group[0].Alone)
            {
                if (!await TryRunTogetherAsync(connection, contextOptions, group))
                {
                    // One of them threw, and the shared transaction is rolled back: each again on its own, so the one
                    // that fails is rolled back alone and the others are kept.
                    foreach (var write in group)
                    {
                        write.Reset();
                        await TryRunTogetherAsync(connection, contextOptions, [write]);
                    }
                }
            }
            else
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                foreach (var write in group)
                {
                    await transaction.SaveAsync("w");
                    if (await TryRunAsync(write, transaction, contextOptions)) await transaction.ReleaseAsync("w");
                    else await transaction.RollbackAsync("w");
                }
                await transaction.CommitAsync();
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A group commit of {Count} writes failed; none of them is stored", group.Count);
            foreach (var write in group) write.Failed(e);
            committed = false;
        }
        if (committed && _syncsOffLoop)
        {
            _sync!.AnswerWhenSynced(error =>
            {
                foreach (var write in group)
                {
                    if (error is not null) write.Failed(error);
                    write.Complete();
                }
            });
        }
        else foreach (var write in group) write.Complete();
        return committed;
    }

    /// <summary>
    /// Large writes in one transaction without savepoints: committed when all of them ran, else rolled back (false).
    /// </summary>
    private static async Task<bool> TryRunTogetherAsync(SqliteConnection connection, DbContextOptions<CityMatrixDbContext> contextOptions, List<PendingWrite> writes)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        foreach (var write in writes)
        {
            if (!await TryRunAsync(write, transaction, contextOptions))
            {
                await transaction.RollbackAsync();
                return false;
            }
        }
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Runs one write on a fresh context in the open transaction; false (and the error kept for its caller) when it threw.</summary>
    private static async Task<bool> TryRunAsync(PendingWrite write, SqliteTransaction transaction, DbContextOptions<CityMatrixDbContext> contextOptions)
    {
        try
        {
            await using var db = new CityMatrixDbContext(contextOptions);
            db.Database.AutoSavepointsEnabled = false;
            await db.Database.UseTransactionAsync(transaction);
            await write.RunAsync(db);
            return true;
        }
        catch (Exception e)
        {
            write.Failed(e);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated) await _loop.Value;
        if (_checkpointer is not null) await _checkpointer.DisposeAsync();
        if (_sync is not null) await _sync.DisposeAsync();
    }

    private abstract class PendingWrite
    {
        public abstract bool Alone { get; }

        public abstract Task RunAsync(CityMatrixDbContext db);

        /// <summary>Remembers the failure; the caller hears of it once the batch is over.</summary>
        public abstract void Failed(Exception error);

        /// <summary>Forgets the outcome of a run whose transaction was rolled back, before the write runs again.</summary>
        public abstract void Reset();

        /// <summary>Answers the caller: the result if committed, else the failure.</summary>
        public abstract void Complete();
    }

    private sealed class PendingWrite<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, bool alone) : PendingWrite
    {
        public override bool Alone => alone;

        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(CityMatrixDbContext db) => _result = await write(db, CancellationToken.None);

        public override void Failed(Exception error) => _error ??= error;

        public override void Reset()
        {
            _error = null;
            _result = default;
        }

        public override void Complete()
        {
            if (_error is null) _completion.TrySetResult(_result!);
            else _completion.TrySetException(_error);
        }
    }
}
