using CityMatrix.Api.Cases;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Api.Tests.Cases;

public sealed class CaseSummaryTests
{
    private static readonly DateTimeOffset Forwarded = new(2026, 11, 15, 8, 0, 0, TimeSpan.FromHours(8));

    private static CaseState Case(CaseStatus status = CaseStatus.Forwarded) => new()
    {
        Id = "YC1", Status = status, Text = "x", Category = "其他", AccountId = "a",
        ReceivedAt = Forwarded.AddMinutes(-5), ForwardedAt = Forwarded, Deadline = Forwarded.AddHours(10),
    };

    [Theory]
    [InlineData(0, SlaState.Ok)]
    [InlineData(7.9, SlaState.Ok)]
    [InlineData(8, SlaState.Warning)]
    [InlineData(9.99, SlaState.Warning)]
    [InlineData(10, SlaState.Breached)]
    [InlineData(30, SlaState.Breached)]
    public void A_case_is_orange_from_80_percent_of_its_time_and_red_from_the_deadline(double hoursAfterForward, SlaState expected) =>
        CaseSummary.SlaOf(Case(), Forwarded.AddHours(hoursAfterForward)).ShouldBe(expected);

    [Fact]
    public void Closed_cases_and_cases_without_a_deadline_have_no_clock()
    {
        CaseSummary.SlaOf(Case(CaseStatus.Closed), Forwarded.AddHours(20)).ShouldBe(SlaState.None);
        var triage = Case(CaseStatus.Received);
        triage.Deadline = null;
        CaseSummary.SlaOf(triage, Forwarded).ShouldBe(SlaState.None);
    }

    [Fact]
    public void Long_texts_are_cut_for_the_inbox_line()
    {
        var c = Case();
        c.Text = new string('字', 500);

        CaseSummary.From(c, Forwarded).Text.Length.ShouldBe(141);
    }
}
