using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Search;

/// <summary>
/// Keeps the index up with the store between searches (each search also catches up first, so a search always finds
/// what was stored before it). On SQLite this is what indexes ingested posts and cases (<see cref="SqliteSearchIndex"/>):
/// a round every quarter second gives FTS5 a few large commits a second, and a search under load little to do first.
/// On PostgreSQL the triggers write each post's row with its stored tokens, and a round only adds the sub-words:
/// every few seconds, so that each round's updates go in few transactions.
/// </summary>
public sealed class SearchCatchUpService(
    ISearchIndex index, IOptions<StorageOptions> options, SiloReadiness readiness, TimeProvider time, ILogger<SearchCatchUpService> logger)
    : BackgroundService
{
    public static readonly TimeSpan SqliteInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan PostgresInterval = TimeSpan.FromSeconds(5);

    private TimeSpan Interval => options.Value.Provider == StorageProvider.PostgreSql ? PostgresInterval : SqliteInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await index.CatchUpAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Search index catch-up failed; the next search or tick retries");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
