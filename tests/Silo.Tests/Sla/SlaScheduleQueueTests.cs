using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Sla.Scheduling;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Sla;

/// <summary>Which committed case changes are noted for the schedule worker.</summary>
public sealed class SlaScheduleQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(8));

    private static SlaScheduleQueue Queue(bool reconcile) =>
        new(SlaClocks.Default, new ManualTimeProvider(Now), Options.Create(new SlaOptions { Reconcile = reconcile, TriggerHorizon = TimeSpan.FromMinutes(30) }));

    /// <summary>A case forwarded now: its first wake-up is the first-response warning, at 80 % of <paramref name="firstResponse"/>.</summary>
    private static CaseCommit Opened(string id, TimeSpan firstResponse) => new(
        new CaseState { Id = id, Status = CaseStatus.Forwarded, AccountId = "street", ForwardedAt = Now, FirstResponseDue = Now + firstResponse, Deadline = Now.AddDays(1) },
        [new CaseEvent { CaseId = id, Seq = 1, Action = CaseAction.Open, At = Now }, new CaseEvent { CaseId = id, Seq = 2, Action = CaseAction.Forward, At = Now }]);

    [Fact]
    public void A_case_opened_with_its_first_wake_up_beyond_the_horizon_is_left_to_the_reconciler()
    {
        var queue = Queue(reconcile: true);

        queue.OnCommitted(Opened("hours-away", TimeSpan.FromHours(4)));
        queue.Count.ShouldBe(0);

        queue.OnCommitted(Opened("minutes-away", TimeSpan.FromMinutes(20)));
        queue.Take(10).ShouldBe(["minutes-away"]);
    }

    [Fact]
    public void A_later_change_of_that_case_is_noted_as_before()
    {
        var queue = Queue(reconcile: true);
        var opened = Opened("hours-away", TimeSpan.FromHours(4));
        queue.OnCommitted(opened);

        queue.OnCommitted(new CaseCommit(opened.State, [new CaseEvent { CaseId = "hours-away", Seq = 3, Action = CaseAction.Accept, At = Now }]));

        queue.Take(10).ShouldBe(["hours-away"]);
    }

    [Fact]
    public void Without_the_reconciler_every_opened_case_is_noted()
    {
        var queue = Queue(reconcile: false);

        queue.OnCommitted(Opened("hours-away", TimeSpan.FromHours(4)));

        queue.Take(10).ShouldBe(["hours-away"]);
    }
}
