using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Silo.Tests.Sla;

/// <summary>The clock arithmetic on a case state, without storage.</summary>
public sealed class SlaClocksTests
{
    private static readonly DateTimeOffset Forwarded = new(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(8));

    private static CaseState Forward(CaseStatus status = CaseStatus.Forwarded) => new()
    {
        Id = "YC1", Status = status, AccountId = "street", ForwardedAt = Forwarded,
        FirstResponseDue = Forwarded.AddHours(4), Deadline = Forwarded.AddHours(10),
    };

    private static IReadOnlyList<(SlaClock, int)> DueAt(CaseState state, double hours) =>
        SlaClocks.Default.DueSteps(state, Forwarded.AddHours(hours)).Select(s => (s.Clock, s.Stage)).ToList();

    [Theory]
    [InlineData(3.1, SlaState.Ok)]
    [InlineData(3.2, SlaState.Warning)]
    [InlineData(4, SlaState.Breached)]
    public void The_first_response_clock_is_orange_at_80_percent_and_red_at_its_due_time(double hours, SlaState expected)
    {
        var status = SlaClocks.Default.StatusAt(Forward(), Forwarded.AddHours(hours));

        status.Clocks.Single(c => c.Clock == SlaClock.FirstResponse).State.ShouldBe(expected);
        status.State.ShouldBe(expected);
    }

    [Fact]
    public void Signing_for_a_case_stops_the_first_response_clock_and_closing_stops_both()
    {
        SlaClocks.Default.StatusAt(Forward(CaseStatus.Accepted), Forwarded.AddHours(5)).Clocks.Select(c => c.Clock).ShouldBe([SlaClock.Resolution]);
        var closed = SlaClocks.Default.StatusAt(Forward(CaseStatus.Closed), Forwarded.AddHours(50));
        closed.State.ShouldBe(SlaState.None);
        closed.Clocks.ShouldBeEmpty();
        SlaClocks.Default.NextWakeUp(Forward(CaseStatus.Closed), Forwarded).ShouldBeNull();
    }

    [Fact]
    public void Due_steps_are_the_passed_thresholds_not_yet_applied_oldest_first()
    {
        var state = Forward();

        DueAt(state, 3).ShouldBeEmpty();
        DueAt(state, 3.2).ShouldBe([(SlaClock.FirstResponse, SlaStage.Warned)]);
        state.FirstResponseSlaStage = SlaStage.Warned;
        DueAt(state, 8).ShouldBe([(SlaClock.FirstResponse, SlaStage.Breached), (SlaClock.Resolution, SlaStage.Warned)]);
    }

    [Fact]
    public void A_warning_is_moot_once_its_clock_is_overdue_and_breaches_stop_at_level_3()
    {
        var state = Forward(CaseStatus.Accepted);

        // 10 h + 48 h overdue, nothing applied yet: three breach steps, no warning.
        DueAt(state, 58).ShouldBe([(SlaClock.Resolution, 2), (SlaClock.Resolution, 3), (SlaClock.Resolution, 4)]);
        state.SupervisionLevel = 2;
        DueAt(state, 58).ShouldBe([(SlaClock.Resolution, 2)]);
        state.SupervisionLevel = 3;
        DueAt(state, 58).ShouldBeEmpty();
        SlaClocks.Default.NextWakeUp(state, Forwarded.AddHours(58)).ShouldBeNull();
    }

    [Fact]
    public void The_next_wake_up_is_the_earliest_threshold_still_to_come()
    {
        var state = Forward();
        var clocks = SlaClocks.Default;

        clocks.NextWakeUp(state, Forwarded).ShouldBe(Forwarded.AddHours(3.2));
        clocks.NextWakeUp(state, Forwarded.AddHours(3.5)).ShouldBe(Forwarded.AddHours(3.5), "a step is due now");
        state.FirstResponseSlaStage = SlaStage.Warned;
        clocks.NextWakeUp(state, Forwarded.AddHours(3.5)).ShouldBe(Forwarded.AddHours(4));
        state.FirstResponseSlaStage = SlaStage.Breached;
        state.SupervisionLevel = 1;
        clocks.NextWakeUp(state, Forwarded.AddHours(4)).ShouldBe(Forwarded.AddHours(8), "the resolution warning comes before the next first-response step");
        state.ResolutionSlaStage = SlaStage.Warned;
        clocks.NextWakeUp(state, Forwarded.AddHours(8)).ShouldBe(Forwarded.AddHours(10));
    }

    [Fact]
    public void Clocks_counting_working_time_warn_and_escalate_in_working_time()
    {
        // Friday 20 November 17:00, 24 working hours: due Monday 17:00; 80% = 19.2 h = Monday 12:12.
        var friday = new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(8));
        var state = new CaseState
        {
            Id = "YC2", Status = CaseStatus.Accepted, AccountId = "street", ForwardedAt = friday, SlaWorkingTime = true,
            Deadline = WorkingCalendar.WeekendsOnly.Add(friday, TimeSpan.FromHours(24)),
        };

        var clock = SlaClocks.Default.Running(state, friday).Single();
        clock.Due.ShouldBe(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.FromHours(8)));
        clock.WarnAt.ShouldBe(new DateTimeOffset(2026, 11, 23, 12, 12, 0, TimeSpan.FromHours(8)));
        state.ResolutionSlaStage = SlaStage.Breached;
        state.SupervisionLevel = 1;
        // The next 24 h overdue step is a working day later: Tuesday 17:00 (and a Friday due would escalate on Monday).
        SlaClocks.Default.NextWakeUp(state, clock.Due).ShouldBe(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.FromHours(8)));
    }
}
