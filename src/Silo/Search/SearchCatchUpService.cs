using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Search;

/// <summary>
/// Keeps the index up with the store between searches (each search also catches up first, so a search always finds
/// what was stored before it); on SQLite this is what indexes ingested posts and cases (<see cref="SqliteSearchIndex"/>).
/// A round every <see cref="ISearchIndex.CatchUpInterval"/>, which each index sets for itself.
/// </summary>
public sealed class SearchCatchUpService(ISearchIndex index, SiloReadiness readiness, TimeProvider time, ILogger<SearchCatchUpService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(index.CatchUpInterval, time);
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
