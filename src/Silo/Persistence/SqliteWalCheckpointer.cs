using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Copies committed WAL frames into the database file on a connection of its own, so the group-commit writer's
/// automatic checkpoint finds little left to do. That checkpoint runs inside a COMMIT on the one writer: under
/// ingestion of 5,000 posts a second it copied thousands of pages and synced the database file every half second,
/// 40–55 ms in which no write ran (docs/PERFORMANCE.md). A PASSIVE checkpoint here does the copying and the sync
/// beside the writer (it takes no write lock); the writer's own checkpoint, still at its WAL size, then copies the
/// frames appended since and lets the next write start the WAL again from its beginning. Left alone, a checkpoint
/// from another connection never catches up with a writer that never stops, and the WAL would grow without bound.
/// <para>
/// So after a pass that copied every frame it found, <see cref="TakeFinishDue"/> tells the writer to finish the
/// checkpoint itself, between two groups: it then copies only the frames committed during the pass (a few hundred
/// pages), where its automatic checkpoint at 10,000 pages copied everything since the last pass, 25–37 ms every half
/// second at 5,000 posts/s in which no write ran (docs/PERFORMANCE.md). The automatic one stays as the bound.
/// </para>
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    private readonly string _databasePath;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _finishDue;

    /// <summary>
    /// The WAL frames a pass must have found for the writer to be asked to finish the checkpoint: SQLite's own
    /// automatic checkpoint size. Below it, finishing would cost the writer a sync of the database file for little.
    /// </summary>
    public const int FinishAtFrames = 1000;

    public SqliteWalCheckpointer(string databasePath, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _databasePath = databasePath;
        _interval = interval;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            using var timer = new PeriodicTimer(_interval, _time);
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    connection ??= await OpenAsync();
                    await CheckpointAsync(connection);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Only a saving: the writer's own checkpoint still does all of it when this cannot.
                    _logger.LogWarning(e, "A background checkpoint of the SQLite WAL failed; the writer's own checkpoint covers it");
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// One turn: a pass, then again at once while the last pass found many frames committed during the one before
    /// (each copies only those, so they shrink), at most <see cref="MaxPassesPerTurn"/>. The writer, asked to finish,
    /// then copies only what came during the last, short pass.
    /// </summary>
    private async Task CheckpointAsync(SqliteConnection connection)
    {
        long copiedBefore = -1;
        for (var pass = 0; pass < MaxPassesPerTurn; pass++)
        {
            await using var checkpoint = connection.CreateCommand();
            // PASSIVE: copies what no reader still needs, waits for no one, and never blocks the writer.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            long busy, frames, copied;
            await using (var result = await checkpoint.ExecuteReaderAsync(_stop.Token))
            {
                // (busy, frames in the WAL, frames copied so far); -1 for the last two outside WAL mode.
                if (!await result.ReadAsync(_stop.Token)) return;
                (busy, frames, copied) = (result.GetInt64(0), result.GetInt64(1), result.GetInt64(2));
            }
            Interlocked.Increment(ref _passes);
            // A reader still on older frames held the pass back: the writer's checkpoint would be held back too.
            if (busy != 0 || copied != frames) return;
            if (frames < FinishAtFrames) return;
            if (copiedBefore >= 0 && frames - copiedBefore <= SmallRemainder)
            {
                Volatile.Write(ref _finishDue, 1);
                return;
            }
            copiedBefore = frames;
        }
        Volatile.Write(ref _finishDue, 1);
    }

    /// <summary>Passes in one turn at most: the writer finishes after the last, whatever it left.</summary>
    private const int MaxPassesPerTurn = 4;

    /// <summary>Frames committed during a pass that the writer may as well copy itself (about 1 MB).</summary>
    private const int SmallRemainder = 256;

    private int _passes;

    /// <summary>Passes run so far (for tests).</summary>
    internal int Passes => Volatile.Read(ref _passes);

    /// <summary>
    /// True once after a pass that copied all it found: the writer's own checkpoint would now copy only what was
    /// committed since, and restart the WAL at its next write.
    /// </summary>
    public bool TakeFinishDue() => Interlocked.Exchange(ref _finishDue, 0) == 1;

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={_databasePath};Pooling=False");
        await connection.OpenAsync(_stop.Token);
        await using var pragma = connection.CreateCommand();
        // NORMAL: a checkpoint syncs the WAL before copying and the database file after, as the writer's would.
        pragma.CommandText = "PRAGMA synchronous=NORMAL";
        await pragma.ExecuteNonQueryAsync(_stop.Token);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
