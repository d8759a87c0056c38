using CityMatrix.Silo.Metrics;

namespace CityMatrix.Silo.Tests.Metrics;

public sealed class TimeToCloseTests
{
    private static long Hours(double hours) => (long)(hours * TimeSpan.TicksPerHour);

    [Fact]
    public void A_duration_on_a_bound_belongs_to_the_bucket_below_it()
    {
        TimeToClose.BucketOf(0).ShouldBe(0);
        TimeToClose.BucketOf(Hours(1)).ShouldBe(0);
        TimeToClose.BucketOf(Hours(1) + 1).ShouldBe(1);
        TimeToClose.BucketOf(Hours(24)).ShouldBe(TimeToClose.UpperBoundsHours.ToList().IndexOf(24));
        TimeToClose.BucketOf(Hours(721)).ShouldBe(TimeToClose.BucketCount - 1);
    }

    [Fact]
    public void A_quantile_interpolates_inside_the_bucket_it_falls_in()
    {
        var buckets = new long[TimeToClose.BucketCount];
        buckets[TimeToClose.BucketOf(Hours(30))] = 10; // ten cases in (24, 36]

        TimeToClose.Quantile(buckets, 0.5).ShouldBe(30);   // 24 + 12·5/10
        TimeToClose.Quantile(buckets, 0.9).ShouldBe(34.8); // 24 + 12·9/10
        TimeToClose.Quantile(new long[TimeToClose.BucketCount], 0.5).ShouldBeNull();
    }

    [Fact]
    public void The_open_last_bucket_answers_its_lower_bound()
    {
        var buckets = new long[TimeToClose.BucketCount];
        buckets[^1] = 3;

        TimeToClose.Quantile(buckets, 0.9).ShouldBe(720);
    }
}
