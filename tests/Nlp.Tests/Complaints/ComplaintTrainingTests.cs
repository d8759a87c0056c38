using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Training;

namespace CityMatrix.Nlp.Tests.Complaints;

public class ComplaintTrainingTests
{
    [Fact]
    public void Training_on_the_projects_own_posts_generalises_to_the_hand_written_held_out_set()
    {
        var o = new ComplaintTrainingOptions { HashBits = 16, TemplateComplaints = 400, TemplateNegatives = 500, Epochs = 4 };
        var model = ComplaintTraining.Train(ComplaintTraining.BuildTrainingSet(o, useResearchData: false), o);
        var m = ComplaintTraining.Evaluate(new ComplaintDetector(model), ShortPostSets.HandWrittenHeldOut());
        m.Accuracy.ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void Anonymised_places_are_rewritten_to_yinchuan_ones()
    {
        var s = ComplaintTraining.Localize("A市A3区潇楚南路怎么还没修好？西地省", new Random(1));
        s.ShouldStartWith("银川市");
        s.ShouldNotContain("A3区");
        s.ShouldEndWith("宁夏");
    }

    [Fact]
    public void Template_family_is_deterministic_and_has_both_labels()
    {
        var a = ComplaintPostGenerator.Generate(50, 50, 3);
        a.Select(p => p.Text).ShouldBe(ComplaintPostGenerator.Generate(50, 50, 3).Select(p => p.Text));
        a.Count(p => p.Label == "1").ShouldBe(50);
        a.Where(p => p.Label == "1").ShouldAllBe(p => p.Category != null);
    }
}
