namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand whose timers (Task.Delay, PeriodicTimer on this provider) fire only when the test moves
/// it past their due time; <see cref="ManualTimeProvider"/>'s timers run on real time.
/// </summary>
public sealed class SteppedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<SteppedTimer> _timers = [];
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock and then fires, outside the lock, every timer that came due.</summary>
    public void Advance(TimeSpan by)
    {
        var now = Interlocked.Add(ref _ticks, by.Ticks);
        List<SteppedTimer> due;
        lock (_gate) due = [.. _timers.Where(t => t.DueAt <= now)];
        foreach (var timer in due) timer.Fire(now);
    }

    private sealed class SteppedTimer(SteppedTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long _period;

        public long DueAt { get; private set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = Interlocked.Read(ref clock._ticks) + dueTime.Ticks;
                clock._timers.Add(this);
            }
            return true;
        }

        public void Fire(long now)
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this) || DueAt > now) return;
                if (_period > 0) DueAt = now + _period;
                else clock._timers.Remove(this);
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
