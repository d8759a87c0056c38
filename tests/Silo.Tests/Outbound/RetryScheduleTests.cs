using CityMatrix.Silo.Outbound;

namespace CityMatrix.Silo.Tests.Outbound;

public sealed class RetryScheduleTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_ceiling_doubles_per_failure_and_stops_at_the_cap()
    {
        Enumerable.Range(1, 8).Select(n => RetrySchedule.Ceiling(n, Base, Max).TotalSeconds)
            .ShouldBe([10, 20, 40, 80, 160, 300, 300, 300]);
        RetrySchedule.Ceiling(1000, Base, Max).ShouldBe(Max);
    }

    [Fact]
    public void The_jittered_delay_lies_between_half_the_ceiling_and_the_ceiling()
    {
        RetrySchedule.DelayAfter(3, Base, Max, 0).ShouldBe(TimeSpan.FromSeconds(20));
        RetrySchedule.DelayAfter(3, Base, Max, 1).ShouldBe(TimeSpan.FromSeconds(40));
        RetrySchedule.DelayAfter(3, Base, Max, 0.5).ShouldBe(TimeSpan.FromSeconds(30));
    }
}
