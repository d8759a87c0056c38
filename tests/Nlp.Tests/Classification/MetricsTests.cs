using CityMatrix.Nlp.Classification;

namespace CityMatrix.Nlp.Tests.Classification;

public class MetricsTests
{
    [Fact]
    public void Precision_recall_and_f1_follow_their_definitions()
    {
        var m = new Metrics();
        m.Add("1", "1"); m.Add("1", "1"); m.Add("1", "0"); m.Add("0", "1"); m.Add("0", "0");
        var r = m.For("1");
        r.Precision.ShouldBe(2 / 3.0, 1e-9);
        r.Recall.ShouldBe(2 / 3.0, 1e-9);
        m.Accuracy.ShouldBe(0.6, 1e-9);
    }
}
