using System.Collections.Concurrent;
using CityMatrix.Silo.Cases;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Surges;

/// <summary>
/// Watches case commits: an opened case marks its topic × district and topic × city for its day as pending,
/// and the pending keys are judged off the grain's turn — by <see cref="SurgeMonitorService"/> as soon as it
/// wakes, or by a reader that calls <see cref="FlushAsync"/> first (read-your-writes: every case committed
/// before the call has been judged when it returns). Many cases of one key between two flushes cost one
/// evaluation. A key lost in a crash between commit and evaluation is judged again with the next case of it;
/// the counts themselves are never lost (they are written with the case).
/// </summary>
public sealed class SurgeMonitor(SurgeEvaluator evaluator, ILogger<SurgeMonitor> logger) : ICaseCommitObserver
{
    private readonly ConcurrentDictionary<SurgeKey, byte> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Runs on the writing grain's turn: only records the keys.</summary>
    public void OnCommitted(CaseCommit commit)
    {
        if (!commit.Opened) return;
        var state = commit.State;
        var topic = state.Topic ?? state.Category;
        var day = CityDays.DayOf(state.ReceivedAt);
        _pending.TryAdd(new SurgeKey(topic, SurgeRegions.BucketOf(state.RegionCode), day), 0);
        _pending.TryAdd(new SurgeKey(topic, SurgeRegions.City, day), 0);
        Wake();
    }

    public bool HasPending => !_pending.IsEmpty;

    /// <summary>Completes when a flush may have work (the background loop waits on this).</summary>
    public Task WaitForWorkAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    /// <summary>Judges every key pending now; alerts fired by this flush are returned. One flush at a time per process.</summary>
    public async Task<IReadOnlyList<SurgeAlert>> FlushAsync(CancellationToken cancellationToken = default)
    {
        var fired = new List<SurgeAlert>();
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            foreach (var key in _pending.Keys.ToList())
            {
                // Removed before judging: a case committed meanwhile adds the key again and is judged next time.
                _pending.TryRemove(key, out _);
                try
                {
                    if (await evaluator.EvaluateAsync(key, cancellationToken) is { } alert) fired.Add(alert);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Surge evaluation of {Topic} in {Region} on {Day} failed", key.Topic, key.RegionCode, key.Day);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
        return fired;
    }

    private void Wake()
    {
        // At most one pending signal: the loop drains every key per wake-up.
        try
        {
            if (_signal.CurrentCount == 0) _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit signalled at the same moment.
        }
    }
}
