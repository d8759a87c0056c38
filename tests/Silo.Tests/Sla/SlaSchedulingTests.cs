using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using CityMatrix.Silo.Scheduling;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Sla.Scheduling;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using static CityMatrix.Silo.Tests.Sla.SlaTestSilo;

namespace CityMatrix.Silo.Tests.Sla;

/// <summary>
/// The clocks' Quartz triggers in the cases' database, with the real scheduler firing on the wall clock.
/// The manual clock (which the clocks are judged by) starts at the wall clock's now, and is moved so that a
/// wake-up falls a few seconds ahead; only those tests wait, by bounded polling.
/// </summary>
public abstract class SlaSchedulingTests(StorageKind kind) : IAsyncLifetime
{
    protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private TestDatabase _database = null!;

    protected TestDatabase Database => _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>The scheduler and the worker that schedules after commits (the reconciler only where a test says).</summary>
    private static bool Clocks(IHostedService hosted) => hosted is SchedulerHost or SlaScheduleWorker;

    /// <summary>These tests follow triggers hours ahead: every wake-up within reach (a horizon of 30 days).</summary>
    protected static Dictionary<string, string?> AllWakeUps() => new() { ["Sla:Reconcile"] = "false", ["Sla:TriggerHorizon"] = "30.00:00:00" };

    private Task<SlaTestSilo> StartAsync(DateTimeOffset start, Dictionary<string, string?>? settings = null) =>
        SlaTestSilo.StartAsync(_database, start, Clocks, settings ?? AllWakeUps());

    private static DateTimeOffset WallNow => DateTimeOffset.UtcNow;

    private static async Task<DateTimeOffset?> FireTimeAsync(SlaTestSilo silo, string id) =>
        await silo.Silo.Get<SlaClockScheduler>().NextFireTimeAsync(id);

    /// <summary>Waits until the case's trigger is set to fire about <paramref name="inAbout"/> from now (wall clock).</summary>
    private static Task TriggerSetAsync(SlaTestSilo silo, string id, TimeSpan inAbout) =>
        BoundedWait.UntilAsync(async () => await FireTimeAsync(silo, id) is { } at && (at - (WallNow + inAbout)).Duration() < Minute, Bound,
            $"trigger of {id} in about {inAbout}");

    private static Task SyncAsync(SlaTestSilo silo, params string[] ids) => silo.Silo.Get<SlaClockScheduler>().SyncAsync(ids);

    [Fact]
    public async Task A_forward_sets_the_trigger_an_approved_extension_moves_it_and_closing_removes_it()
    {
        await using var silo = await StartAsync(WallNow);
        var id = await silo.ForwardedAsync(resolution: TimeSpan.FromHours(10), firstResponse: TimeSpan.FromHours(4));

        await TriggerSetAsync(silo, id, TimeSpan.FromHours(3.2));
        await silo.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));
        await TriggerSetAsync(silo, id, TimeSpan.FromHours(8));
        await silo.Cases.ExecuteAsync(id, new RequestExtension(StreetActor, silo.Start.AddHours(20), "需协调供电部门"));
        await silo.Cases.ExecuteAsync(id, new DecideExtension(new CaseActor(District, "supervisor"), true, null));
        await TriggerSetAsync(silo, id, TimeSpan.FromHours(16));
        await silo.Cases.ExecuteAsync(id, new ReplyCase(StreetActor, "已修复。"));
        await silo.Cases.ExecuteAsync(id, new CloseCase(StreetActor, null));

        await BoundedWait.UntilAsync(async () => await FireTimeAsync(silo, id) is null, Bound, "trigger removed after closing");
        (await silo.Silo.Get<SlaClockScheduler>().ScheduledCaseIdsAsync()).ShouldNotContain(id);
    }

    [Fact]
    public async Task A_wake_up_beyond_the_horizon_gets_no_trigger_until_the_reconciler_finds_it_within_reach()
    {
        // The reconciler is on (its loop is not started here: the test runs its passes).
        await using var silo = await StartAsync(WallNow, new() { ["Sla:Reconcile"] = "true", ["Sla:TriggerHorizon"] = "01:00:00" });
        var id = await silo.ForwardedAsync(resolution: TimeSpan.FromHours(10), firstResponse: TimeSpan.FromHours(4));

        // The first wake-up (the warning at 80 % of 4 h) is 3.2 h away: no trigger yet.
        await SyncAsync(silo, id);
        (await FireTimeAsync(silo, id)).ShouldBeNull();

        silo.At(TimeSpan.FromHours(2.5));
        await silo.Silo.Get<SlaReconciler>().ReconcileAsync();

        // Now 0.7 h away, within the hour: set, on the wall clock, 0.7 h from now.
        ((await FireTimeAsync(silo, id))!.Value - (WallNow + TimeSpan.FromHours(0.7))).Duration().ShouldBeLessThan(Minute);
    }

    [Fact]
    public async Task The_reconciler_restores_a_lost_trigger_and_removes_one_no_open_case_needs()
    {
        await using var silo = await StartAsync(WallNow);
        var open = await silo.ForwardedAsync(resolution: TimeSpan.FromHours(10), firstResponse: TimeSpan.FromHours(4));
        var closed = await silo.ForwardedAsync(resolution: TimeSpan.FromHours(10), firstResponse: TimeSpan.FromHours(4));
        await silo.Cases.ExecuteAsync(closed, new AcceptCase(StreetActor));
        await silo.Cases.ExecuteAsync(closed, new ReplyCase(StreetActor, "已修复。"));
        await silo.Cases.ExecuteAsync(closed, new CloseCase(StreetActor, null));
        var scheduler = silo.Silo.Get<SlaClockScheduler>();
        await TriggerSetAsync(silo, open, TimeSpan.FromHours(3.2));
        await BoundedWait.UntilAsync(async () => await FireTimeAsync(silo, closed) is null, Bound, "no trigger for the closed case");

        // As if a crash had lost the first schedule and a stale process had written the second.
        await silo.Silo.Services.GetRequiredKeyedService<IScheduler>(SchedulingServiceCollectionExtensions.SchedulerName)
            .UnscheduleJob(SlaClockScheduler.TriggerKeyFor(open));
        await scheduler.RetryAsync(closed);
        (await FireTimeAsync(silo, open)).ShouldBeNull();
        (await FireTimeAsync(silo, closed)).ShouldNotBeNull();

        await silo.Silo.Get<SlaReconciler>().ReconcileAsync();

        (await FireTimeAsync(silo, open)).ShouldNotBeNull();
        ((await FireTimeAsync(silo, open))!.Value - (WallNow + TimeSpan.FromHours(3.2))).Duration().ShouldBeLessThan(Minute);
        (await FireTimeAsync(silo, closed)).ShouldBeNull();
    }

    [Fact]
    public async Task A_trigger_scheduled_by_one_host_fires_in_the_next_host_started_after_it_stopped()
    {
        var start = WallNow;
        string id;
        await using (var first = await StartAsync(start))
        {
            id = await first.ForwardedAsync(resolution: TimeSpan.FromHours(10), firstResponse: TimeSpan.FromHours(4));
            // The first-response warning (3.2 h) brought to 5 s ahead of the wall clock.
            first.At(TimeSpan.FromHours(3.2) - TimeSpan.FromSeconds(5));
            await SyncAsync(first, id);
            ((await FireTimeAsync(first, id))!.Value - (WallNow + TimeSpan.FromSeconds(5))).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(2));
        }

        // Nothing in memory survives: the second host has no reconciler, so only the stored trigger can wake the case.
        await using var second = await StartAsync(start);
        second.At(TimeSpan.FromHours(3.2) + Minute);
        await BoundedWait.UntilAsync(async () => (await second.SlaEntriesAsync(id)).Any(), Bound, "the warning applied by the stored trigger");

        var warning = (await second.SlaEntriesAsync(id)).Single();
        warning.Action.ShouldBe(CaseAction.SlaWarning);
        second.Silo.Get<SlaWakeUps>().For(id).ShouldBe(1);
        // The wake-up set the next one: the first-response breach at 4 h, 47 minutes ahead on the manual clock.
        await TriggerSetAsync(second, id, TimeSpan.FromMinutes(47));
    }
}

public sealed class SlaSchedulingTests_on_Sqlite() : SlaSchedulingTests(StorageKind.Sqlite);

public sealed class SlaSchedulingTests_on_PostgreSql() : SlaSchedulingTests(StorageKind.PostgreSql)
{
    private static async Task<long> ClusterNodesAsync(SlaTestSilo silo)
    {
        await using var db = await silo.Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQuery<long>(
            $"SELECT count(DISTINCT instance_name) AS \"Value\" FROM qrtz_scheduler_state WHERE sched_name = {SchedulingServiceCollectionExtensions.SchedulerName}").SingleAsync();
    }

    [Fact]
    public async Task Two_clustered_hosts_fire_each_trigger_exactly_once()
    {
        var database = Database;
        {
            var start = DateTimeOffset.UtcNow;
            var settings = AllWakeUps();
            await using var first = await SlaTestSilo.StartAsync(database, start, h => h is SchedulerHost or SlaScheduleWorker, settings);
            await using var second = await SlaTestSilo.StartAsync(database, start, h => h is SchedulerHost or SlaScheduleWorker, settings, seed: false);
            var hosts = new[] { first, second };
            // Both nodes are in one cluster: each checked in under the shared scheduler name with an id of its own.
            await BoundedWait.UntilAsync(async () => await ClusterNodesAsync(first) == 2, Bound, "two cluster check-ins");
            var ids = new List<string>();
            for (var i = 0; i < 20; i++) ids.Add(await hosts[i % 2].ForwardedAsync(TimeSpan.FromHours(10), TimeSpan.FromHours(4)));

            // Every first-response warning brought to 4 s ahead, half the triggers written by each host.
            foreach (var host in hosts) host.At(TimeSpan.FromHours(3.2) - TimeSpan.FromSeconds(4));
            for (var i = 0; i < ids.Count; i++)
            {
                var host = hosts[i % 2];
                await host.Silo.Get<SlaClockScheduler>().SyncAsync([ids[i]]);
            }
            foreach (var host in hosts) host.At(TimeSpan.FromHours(3.2) + TimeSpan.FromMinutes(1));

            await BoundedWait.UntilAsync(async () =>
            {
                foreach (var id in ids)
                {
                    if (!(await first.StoredSlaEntriesAsync(id)).Any()) return false;
                    // Fired, completed and rescheduled for the breach (about 47 minutes ahead): no second firing can follow.
                    if (await first.Silo.Get<SlaClockScheduler>().NextFireTimeAsync(id) is not { } next || next < DateTimeOffset.UtcNow.AddMinutes(30)) return false;
                }
                return true;
            }, TimeSpan.FromSeconds(90), "every warning applied and every trigger moved on", async () =>
            {
                var seen = new List<string>();
                foreach (var id in ids)
                {
                    seen.Add($"{id}: {(await first.StoredSlaEntriesAsync(id)).Count} entries, wake-ups {first.Silo.Get<SlaWakeUps>().For(id)}+{second.Silo.Get<SlaWakeUps>().For(id)}, " +
                        $"next {await first.Silo.Get<SlaClockScheduler>().NextFireTimeAsync(id):O}");
                }
                return $"now {DateTimeOffset.UtcNow:O}; " + string.Join("; ", seen);
            });

            foreach (var id in ids)
            {
                (first.Silo.Get<SlaWakeUps>().For(id) + second.Silo.Get<SlaWakeUps>().For(id)).ShouldBe(1, $"wake-ups of {id}");
                (await first.StoredSlaEntriesAsync(id)).Single().Action.ShouldBe(CaseAction.SlaWarning);
            }
            first.Silo.Get<SlaWakeUps>().Total.ShouldBeGreaterThan(0);
            second.Silo.Get<SlaWakeUps>().Total.ShouldBeGreaterThan(0);
        }
    }
}
