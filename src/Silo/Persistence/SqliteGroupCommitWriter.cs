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
/// every write in the batch answered. Under load, thousands of writes share one sync; when idle a write
/// commits at once. Readers use their own connections (WAL) and never wait for this loop.
/// </summary>
public sealed class SqliteGroupCommitWriter : IStorageWriter, IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StorageOptions _options;
    private readonly ILogger<SqliteGroupCommitWriter> _logger;
    private readonly Lazy<Task> _loop;

    public SqliteGroupCommitWriter(IOptions<StorageOptions> options, ILogger<SqliteGroupCommitWriter> logger)
    {
        _options = options.Value;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task<T> WriteAsync<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        _ = _loop.Value;
        var pending = new PendingWrite<T>(write);
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
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    // (Re)open lazily: a connection that failed is replaced on the next batch, so one bad
                    // moment (a full disk, a locked file) fails the writes queued then, not every write after.
                    if (connection is null)
                    {
                        connection = await OpenAsync();
                        contextOptions = new DbContextOptionsBuilder<CityMatrixDbContext>().UseSqlite(connection).Options;
                    }
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "The SQLite write connection could not be opened; {Count} writes failed", batch.Count);
                    foreach (var write in batch)
                    {
                        write.Failed(e);
                        write.Complete();
                    }
                    continue;
                }
                if (!await RunBatchAsync(connection, contextOptions!, batch))
                {
                    await connection.DisposeAsync();
                    connection = null;
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
        // A 64 MB page cache (default 2 MB): every write goes through this one connection, and a chunk of posts
        // touches a dozen indexes whose pages then stay in memory between commits.
        pragma.CommandText = $"PRAGMA synchronous={_options.SqliteSynchronous}; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; {SqliteBusyWait.Pragma}";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Runs one batch; false when the transaction itself failed (the connection is then replaced).</summary>
    private async Task<bool> RunBatchAsync(SqliteConnection connection, DbContextOptions<CityMatrixDbContext> contextOptions, List<PendingWrite> batch)
    {
        var committed = true;
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var write in batch)
            {
                await transaction.SaveAsync("w");
                try
                {
                    await using var db = new CityMatrixDbContext(contextOptions);
                    db.Database.AutoSavepointsEnabled = false;
                    await db.Database.UseTransactionAsync(transaction);
                    await write.RunAsync(db);
                    await transaction.ReleaseAsync("w");
                }
                catch (Exception e)
                {
                    await transaction.RollbackAsync("w");
                    write.Failed(e);
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A group commit of {Count} writes failed; none of them is stored", batch.Count);
            foreach (var write in batch) write.Failed(e);
            committed = false;
        }
        foreach (var write in batch) write.Complete();
        return committed;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated) await _loop.Value;
    }

    private abstract class PendingWrite
    {
        public abstract Task RunAsync(CityMatrixDbContext db);

        /// <summary>Remembers the failure; the caller hears of it once the batch is over.</summary>
        public abstract void Failed(Exception error);

        /// <summary>Answers the caller: the result if committed, else the failure.</summary>
        public abstract void Complete();
    }

    private sealed class PendingWrite<T>(Func<CityMatrixDbContext, CancellationToken, Task<T>> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(CityMatrixDbContext db) => _result = await write(db, CancellationToken.None);

        public override void Failed(Exception error) => _error ??= error;

        public override void Complete()
        {
            if (_error is null) _completion.TrySetResult(_result!);
            else _completion.TrySetException(_error);
        }
    }
}
