using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Posts;

/// <summary>
/// Finishes posts that were stored but not turned into cases (the process died in between). Runs at
/// start-up and then every half minute; posts younger than a few seconds are left to their own request.
/// </summary>
public sealed class PendingPostSweeper(PostStore posts, PostIngestion ingestion, SiloReadiness readiness, TimeProvider time, ILogger<PendingPostSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await SweepAsync(time.GetUtcNow() - Grace, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Processes every pending post received before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var done = 0;
        while (true)
        {
            var pending = await posts.PendingBeforeAsync(before, 200, cancellationToken);
            if (pending.Count == 0) return done;
            foreach (var post in pending)
            {
                try
                {
                    await ingestion.ProcessAsync(post, cancellationToken);
                    done++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Pending post {Post} could not be processed; it stays pending", post.Key);
                    return done;
                }
            }
        }
    }
}
