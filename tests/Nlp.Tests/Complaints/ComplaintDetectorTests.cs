using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Tests.Complaints;

public class ComplaintDetectorTests
{
    [Fact]
    public void Shipped_model_meets_precision_and_recall_on_hand_written_held_out_posts()
    {
        var m = ComplaintTraining.Evaluate(ComplaintDetector.Default, ShortPostSets.HandWrittenHeldOut());
        var c = m.For("1");
        m.Count.ShouldBeGreaterThan(100);
        c.Precision.ShouldBeGreaterThanOrEqualTo(0.90);
        c.Recall.ShouldBeGreaterThanOrEqualTo(0.88);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_input_is_not_a_complaint(string? text)
    {
        ComplaintDetector.Default.Detect(text).ShouldBe(new ComplaintResult(false, 0f));
    }

    [Fact]
    public void Hundred_kilobyte_input_gets_an_answer()
    {
        ComplaintDetector.Default.Detect(new string('x', 100_000) + "暖气不热").Score.ShouldBeInRange(0f, 1f);
    }

    [Fact]
    public void Held_out_sets_do_not_overlap_the_training_posts()
    {
        var train = ShortPostSets.HandWrittenTrain().Select(p => p.Text).Concat(ShortPostSets.Templates().Select(p => p.Text)).ToHashSet();
        ShortPostSets.HandWrittenHeldOut().Where(p => train.Contains(p.Text)).ShouldBeEmpty();
    }
}
