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
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    private readonly string _databasePath;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

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
                    await using var checkpoint = connection.CreateCommand();
                    // PASSIVE: copies what no reader still needs, waits for no one, and never blocks the writer.
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await checkpoint.ExecuteNonQueryAsync(_stop.Token);
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
