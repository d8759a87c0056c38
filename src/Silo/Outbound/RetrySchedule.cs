namespace CityMatrix.Silo.Outbound;

/// <summary>
/// Exponential back-off with "equal jitter": after failure n the wait is between half and all of
/// min(max, base·2^(n-1)), so receivers coming back up are not hit by every sender at the same instant.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan Ceiling(int failures, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min((double)maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)ticks);
    }

    public static TimeSpan DelayAfter(int failures, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var ceiling = Ceiling(failures, baseDelay, maxDelay);
        return ceiling / 2 + ceiling / 2 * Math.Clamp(random, 0, 1);
    }
}
