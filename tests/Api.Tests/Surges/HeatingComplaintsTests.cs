using CityMatrix.Nlp.Categories;
using CityMatrix.Nlp.Complaints;
using CityMatrix.Nlp.Places;

namespace CityMatrix.Api.Tests.Surges;

/// <summary>The replay's premise: our NLP reads every generated text as a heating complaint from its community.</summary>
public sealed class HeatingComplaintsTests
{
    private const int Checked = 1600;

    [Fact]
    public void Every_generated_text_is_a_heating_complaint_placed_in_its_community()
    {
        var wrong = Enumerable.Range(0, Checked)
            .Select(n => (n, Text: HeatingComplaints.Text(n), Complaint: ComplaintDetector.Default.Detect(HeatingComplaints.Text(n)).IsComplaint,
                Topic: CategoryClassifier.Default.Classify(HeatingComplaints.Text(n)).Topic,
                Place: PlaceExtractor.Yinchuan.FindCodes(HeatingComplaints.Text(n)).OrderByDescending(c => c.Length).FirstOrDefault()))
            .Where(r => !r.Complaint || r.Topic != "供暖" || r.Place != HeatingComplaints.CommunityOf(r.n).Code)
            .Select(r => $"{r.n}: {r.Text} → complaint {r.Complaint}, topic {r.Topic}, place {r.Place}")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void The_texts_are_varied()
    {
        Enumerable.Range(0, Checked).Select(HeatingComplaints.Text).Distinct().Count().ShouldBe(Checked);
    }
}
