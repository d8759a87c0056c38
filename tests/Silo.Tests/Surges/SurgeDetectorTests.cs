using CityMatrix.Silo.Surges;

namespace CityMatrix.Silo.Tests.Surges;

public sealed class SurgeDetectorTests
{
    private static readonly SurgeOptions Options = new();

    // Three earlier first heating days and the three days after each (the decline), as in the heating replay.
    private static readonly int[] FirstDaysOfThreeSeasons = [110, 72, 50, 38, 92, 60, 44, 30, 78, 52, 37, 28];

    [Fact]
    public void A_count_above_every_comparable_day_fires_by_the_maximum_rule()
    {
        var decision = SurgeDetector.Judge(129, FirstDaysOfThreeSeasons, Options);

        decision.Fires.ShouldBeTrue();
        decision.Rule.ShouldBe("max");
        decision.BaselineMax.ShouldBe(110);
        decision.BaselineMedian.ShouldBe(51);
        decision.Threshold.ShouldBe(111);
    }

    [Fact]
    public void The_count_that_equals_the_maximum_does_not_fire_and_one_more_does()
    {
        SurgeDetector.Judge(110, FirstDaysOfThreeSeasons, Options).Fires.ShouldBeFalse();
        SurgeDetector.Judge(111, FirstDaysOfThreeSeasons, Options).Fires.ShouldBeTrue();
    }

    [Fact]
    public void An_outlier_in_the_history_does_not_hide_a_surge_from_the_robust_z_score()
    {
        int[] history = [10, 11, 9, 10, 12, 10, 11, 9, 10, 95];

        var decision = SurgeDetector.Judge(30, history, Options);

        decision.Fires.ShouldBeTrue();
        decision.Rule.ShouldBe("z");
        decision.ZScore.ShouldBeGreaterThan(Options.ZThreshold);
    }

    [Fact]
    public void Nothing_fires_below_the_minimum_count_even_against_a_silent_history()
    {
        int[] silent = [0, 0, 0, 0, 0, 0, 0, 0];

        SurgeDetector.Judge(Options.MinCount - 1, silent, Options).Fires.ShouldBeFalse();
        SurgeDetector.Judge(Options.MinCount, silent, Options).Fires.ShouldBeTrue();
    }

    [Fact]
    public void Too_few_comparable_days_give_no_judgement()
    {
        var decision = SurgeDetector.Judge(500, [110, 72, 50, 38], Options);

        decision.Fires.ShouldBeFalse();
        decision.EnoughHistory.ShouldBeFalse();
    }

    [Fact]
    public void A_mostly_zero_history_takes_its_scale_from_the_mean_absolute_deviation()
    {
        int[] sparse = [0, 0, 0, 0, 0, 0, 0, 0, 0, 24];

        var scale = SurgeDetector.Scale(sparse, SurgeDetector.Median(sparse.Select(v => (double)v)));

        // MAD is 0 (most days are 0); the mean absolute deviation is 2.4.
        scale.ShouldBe(SurgeDetector.MeanAdToSigma * 2.4, 1e-9);
    }

    [Fact]
    public void A_constant_history_has_a_scale_of_one_case()
    {
        SurgeDetector.Scale([5, 5, 5, 5, 5, 5, 5], 5).ShouldBe(1.0);
    }
}
