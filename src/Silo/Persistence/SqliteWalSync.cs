using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Makes the group-commit writer's commits durable off its loop. With synchronous=FULL, SQLite syncs the WAL inside
/// every COMMIT, and the one writer waited for the disk each time instead of running the next group. Here the writer
/// commits with synchronous=NORMAL (WAL frames written, not synced; checkpoints still sync) and queues the group's
/// answers; this loop syncs the WAL file (fsync of the same file through a handle of its own, which flushes every
/// write made to it before the call) and only then answers them. One sync covers every group queued before it, so
/// under load syncs are shared as commits were. This is exactly FULL's sync, moved after the commit instead of
/// inside it: nothing is acknowledged before it is on the disk.
/// <para>
/// What another connection reads may be committed but not yet synced (a few ms). Whoever answers "already stored"
/// from a read must first wait for <see cref="WhenDurableAsync"/>, which completes after a sync that began after
/// the call, and so covers everything that read could have seen.
/// </para>
/// </summary>
internal sealed class SqliteWalSync : IAsyncDisposable
{
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _walPath;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public SqliteWalSync(string databasePath, ILogger logger)
    {
        _walPath = databasePath + "-wal";
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Answers committed writes once the WAL holding them is synced: <paramref name="answer"/> gets null, or the sync's failure.</summary>
    public void AnswerWhenSynced(Action<Exception?> answer)
    {
        if (!_queue.Writer.TryWrite(new Entry(answer, null))) answer(new ObjectDisposedException(nameof(SqliteWalSync)));
    }

    /// <summary>Completes after a sync of the WAL that began after this call.</summary>
    public Task WhenDurableAsync()
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Entry(null, barrier))) barrier.SetResult();
        return barrier.Task;
    }

    private async Task RunAsync()
    {
        var drained = new List<Entry>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            drained.Clear();
            while (_queue.Reader.TryRead(out var entry)) drained.Add(entry);
            Exception? failure = null;
            try
            {
                Sync();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Committed but perhaps not on the disk: the callers hear of it (a retry finds the rows stored).
                _logger.LogCritical(e, "Syncing the SQLite WAL failed; {Count} committed writes are not known to be durable", drained.Count);
                failure = e;
            }
            foreach (var entry in drained)
            {
                if (entry.Barrier is not { } barrier) entry.Answer!(failure);
                else if (failure is null) barrier.TrySetResult();
                else barrier.TrySetException(failure);
            }
        }
    }

    private void Sync()
    {
        // Opened for each sync (microseconds, against the sync's milliseconds): when the last connection closes SQLite
        // deletes the WAL, and the next one starts a new file, which a handle kept open would not see. SQLite takes
        // no POSIX locks on the WAL file itself, so closing this handle releases none of its locks.
        FileStream wal;
        try
        {
            wal = new FileStream(_walPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            // The last connection closed (the writer's, at shutdown): SQLite checkpointed the WAL into the database,
            // syncing it, before deleting the file. What was committed is on the disk.
            return;
        }
        using (wal) wal.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Entry(Action<Exception?>? Answer, TaskCompletionSource? Barrier);
}
