using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Live;

/// <summary>
/// This process's reader of the numbered case-event log: publishes each entry numbered after the one it
/// started at, once and in order, to <see cref="LocalLiveEventPublisher"/> (the dashboards of this process).
/// Every process reads the table itself instead of receiving events over the wire, so an event reaches the
/// clients of every process exactly once whichever process wrote it, and a lost notification only delays
/// delivery to the next poke or tick. Poked by the sequencer here, by other processes' notifications
/// (<see cref="PostgresLiveListener"/>), and every <see cref="LiveSequencer.Interval"/>.
/// </summary>
public sealed class LiveCaseRelay(
    LiveTimeline timeline,
    LocalLiveEventPublisher local,
    SiloReadiness readiness,
    TimeProvider time,
    ILogger<LiveCaseRelay> logger) : BackgroundService
{
    public const int Batch = 500;

    private readonly WakeSignal _wake = new();
    private readonly TaskCompletionSource<long> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;

    /// <summary>Completes with the number this process started after: earlier events are history, not live.</summary>
    public Task<long> Started => _started.Task;

    /// <summary>The highest number published so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    public void Poke() => _wake.Poke();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            while (!_started.Task.IsCompleted)
            {
                try
                {
                    var start = await timeline.LastSeqAsync(stoppingToken);
                    Interlocked.Exchange(ref _delivered, start);
                    _started.TrySetResult(start);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live relay could not read the event log; retrying");
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                }
            }
            await Task.WhenAll(TickAsync(stoppingToken), RunAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveSequencer.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) _wake.Poke();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await _wake.WaitAsync(stoppingToken);
            var delivered = 0;
            try
            {
                delivered = await DeliverAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Live relay failed to read case events after {Seq}; the next poke or tick retries", Delivered);
            }
            // Under ingestion every chunk write pokes (its entries are numbered in the write, LiveSequencer is not
            // between): a read of the log per chunk, dozens a second, each with its fixed costs. After a busy read the
            // next waits as long as the sequencer's busy pause, and takes all that came meanwhile in one go.
            if (delivered >= LiveSequencer.BusyRound) await Task.Delay(LiveSequencer.BusyPause, time, stoppingToken);
        }
    }

    /// <summary>Publishes everything numbered after what was delivered; returns how many events that was.</summary>
    private async Task<int> DeliverAsync(CancellationToken stoppingToken)
    {
        var count = 0;
        while (true)
        {
            var events = await timeline.ReadAsync(Delivered, long.MaxValue, LiveScope.Everything, Batch, cancellationToken: stoppingToken);
            foreach (var liveEvent in events)
            {
                try
                {
                    local.Publish(liveEvent);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "A live event subscriber failed on {Type} {Seq}", liveEvent.Type, liveEvent.Seq);
                }
                Interlocked.Exchange(ref _delivered, liveEvent.Seq!.Value);
            }
            count += events.Count;
            if (events.Count < Batch) return count;
        }
    }
}
