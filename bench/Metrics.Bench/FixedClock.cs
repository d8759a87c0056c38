namespace CityMatrix.Metrics.Bench;

/// <summary>The bench's "now": the end of the generated year, so open cases can be overdue as they would be.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
