using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CityMatrix.Silo.Tests.Live;

/// <summary>The numbered case-event log and its relay, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class LiveSequencerTests(StorageKind kind) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static CaseActor Manager => new("wzyc", "manager");

    private static OpenCase Complaint(string text) =>
        new(CaseActor.System("wzyc"), "wzyc", "citizen-1", text, "城乡建设", "供暖", "640104", CaseUrgency.Normal);

    private static async Task<List<long?>> NumbersAsync(SiloHost host, Func<IQueryable<CaseEvent>, IQueryable<CaseEvent>> order)
    {
        await using var db = await host.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await order(db.CaseEvents.AsNoTracking()).Select(e => EF.Property<long?>(e, CityMatrixDbContext.LiveSeq)).ToListAsync();
    }

    /// <summary>What the server starts for live events (the test host starts only storage).</summary>
    private List<IHostedService> LiveServices(SiloHost host) =>
    [
        host.Get<LiveCaseRelay>(), host.Get<LiveSequencer>(),
        .. kind == StorageKind.PostgreSql ? new IHostedService[] { host.Get<PostgresLiveListener>() } : [],
    ];

    [Fact]
    public async Task Case_events_committed_concurrently_get_gap_free_numbers_and_every_server_relays_each_once_in_order()
    {
        // SQLite is one process per file; PostgreSQL is tested with two servers writing at once.
        var hosts = new List<SiloHost> { await _database.StartSiloAsync() };
        if (kind == StorageKind.PostgreSql) hosts.Add(await _database.StartSiloAsync());
        var relayed = hosts.Select(_ => new List<LiveEvent>()).ToList();
        var services = new List<IHostedService>();
        try
        {
            for (var i = 0; i < hosts.Count; i++)
            {
                var mine = relayed[i];
                // Only the numbered case events: SLA steps, surges and tiles are published unnumbered beside them.
                hosts[i].Get<LocalLiveEventPublisher>().Published += e => { if (e.Seq is not null) lock (mine) mine.Add(e); };
                foreach (var service in LiveServices(hosts[i]))
                {
                    await service.StartAsync(CancellationToken.None);
                    services.Add(service);
                }
                if (kind == StorageKind.PostgreSql) await hosts[i].Get<PostgresLiveListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
                // The relay starts after the last number stored when it comes up (earlier events are history, not
                // live), and its hosted service returns from StartAsync before it has read that number: wait for it, or
                // the first case event may be numbered before the relay's start and (rightly) never relayed.
                await hosts[i].Get<LiveCaseRelay>().Started.WaitAsync(TimeSpan.FromSeconds(10));
            }

            var opened = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
                hosts[i % hosts.Count].Get<CaseService>().OpenAsync(Complaint($"第{i}号小区暖气不热")))));
            await Task.WhenAll(Enumerable.Range(0, 90).Select(i => Task.Run(() =>
                hosts[i % hosts.Count].Get<CaseService>().ExecuteAsync(opened[i % opened.Length].Id, new SuperviseCase(new CaseActor("jiwei", $"u{i}"), 1, $"督办 {i}")))));
            const int total = 30 + 90;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (relayed.Any(r => { lock (r) return r.Count < total; }) && DateTime.UtcNow < deadline) await Task.Delay(20);

            var numbers = await NumbersAsync(hosts[0], q => q.OrderBy(e => EF.Property<long?>(e, CityMatrixDbContext.LiveSeq)));
            numbers.ShouldBe(Enumerable.Range(1, total).Select(n => (long?)n));
            foreach (var events in relayed)
            {
                events.Select(e => e.Seq).ShouldBe(numbers);
                events.GroupBy(e => e.CaseId).ShouldAllBe(g => g.Select(e => ((LiveCaseData)e.Data!).CaseSeq).SequenceEqual(Enumerable.Range(1, g.Count())));
                events.Count(e => e.Type == LiveEventTypes.CaseCreated).ShouldBe(30);
                events.Where(e => e.Type == LiveEventTypes.Supervision).ShouldAllBe(e => e.AccountIds.SequenceEqual(new[] { "wzyc", "jiwei" }));
            }
        }
        finally
        {
            foreach (var service in services) await service.StopAsync(CancellationToken.None);
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_a_busy_round_the_next_waits_for_the_pause_on_the_clock_and_after_a_quiet_one_it_does_not()
    {
        var time = new SteppedTimeProvider(new DateTimeOffset(2026, 11, 15, 1, 0, 0, TimeSpan.Zero));
        await using var host = await _database.StartSiloAsync(time);
        var cases = host.Get<CaseService>();
        // Committed before the sequencer runs: its first round numbers them all at once, a busy round.
        var backlog = await Task.WhenAll(Enumerable.Range(0, LiveSequencer.BusyRound).Select(i => cases.OpenAsync(Complaint($"第{i}号小区暖气不热"))));
        var busy = await CountEventsAsync(host);
        busy.ShouldBeGreaterThanOrEqualTo(LiveSequencer.BusyRound);
        var sequencer = host.Get<LiveSequencer>();
        await sequencer.StartAsync(CancellationToken.None);
        try
        {
            await NumberedAsync(host, busy);
            await cases.OpenAsync(Complaint("北京路路灯不亮"));
            var afterPause = await CountEventsAsync(host);
            // The pause runs on the server's clock, which has not moved: the new entries wait (a real quarter second is
            // ample for a round that would not wait; this proves the wait only if the pause were missing, never falsely).
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            (await CountNumberedAsync(host)).ShouldBe(busy);

            time.Advance(LiveSequencer.BusyPause);
            await NumberedAsync(host, afterPause);
            // That round numbered a few entries, a quiet round: the next are numbered without the clock moving.
            await cases.OpenAsync(Complaint("北京路井盖缺失"));
            await NumberedAsync(host, await CountEventsAsync(host));
            backlog.Length.ShouldBe(LiveSequencer.BusyRound);
        }
        finally
        {
            await sequencer.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> CountEventsAsync(SiloHost host)
    {
        await using var db = await host.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.CaseEvents.CountAsync();
    }

    private static async Task<int> CountNumberedAsync(SiloHost host)
    {
        await using var db = await host.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.CaseEvents.CountAsync(e => EF.Property<long?>(e, CityMatrixDbContext.LiveSeq) != null);
    }

    /// <summary>Waits (up to 30 s of real time) until this many entries are numbered.</summary>
    private static async Task NumberedAsync(SiloHost host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountNumberedAsync(host) < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        (await CountNumberedAsync(host)).ShouldBe(count);
    }

    [Fact]
    public async Task A_database_upgraded_to_live_events_numbers_its_stored_case_events_oldest_first()
    {
        var time = new ManualTimeProvider();
        await using (var before = await _database.StartSiloAsync(time))
        {
            var cases = before.Get<CaseService>();
            var first = await cases.OpenAsync(Complaint("北京路暖气不热"));
            time.Advance(TimeSpan.FromMinutes(1));
            await cases.OpenAsync(Complaint("北京路路灯不亮"));
            time.Advance(TimeSpan.FromMinutes(1));
            await cases.ExecuteAsync(first.Id, new ForwardCase(Manager, "street-640104001", time.GetUtcNow().AddDays(1), null));
            await using var db = await before.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
            // Back to the schema before step 12, with the entries it had.
            await db.Database.ExecuteSqlRawAsync(
                "DROP INDEX \"IX_case_events_LiveSeq\"; DROP INDEX \"IX_case_events_Unsequenced\"; ALTER TABLE case_events DROP COLUMN \"LiveSeq\"; " +
                "DROP INDEX \"IX_cases_Status_Deadline_AccountId\"; DROP INDEX \"IX_cases_ClosedAt\"; DROP TABLE live_messages; DROP TABLE live_event_accounts;");
            await db.SchemaVersions.Where(v => v.Version == 12).ExecuteDeleteAsync();
        }

        await using var upgraded = await _database.StartSiloAsync(time);
        var byTime = await NumbersAsync(upgraded, q => q.OrderBy(e => e.At).ThenBy(e => e.CaseId).ThenBy(e => e.Seq));
        var streets = await upgraded.Get<LiveTimeline>().ReadAsync(0, 3, LiveScope.Of(["street-640104001"]), 10);
        var second = await upgraded.Get<CaseService>().OpenAsync(Complaint("北京路井盖缺失"));
        var numbered = await upgraded.Get<LiveSequencer>().SequenceAsync();

        byTime.ShouldBe([1, 2, 3]);
        streets.Select(e => (e.Seq, e.Type)).ShouldBe([(3L, LiveEventTypes.CaseForwarded)]); // who each entry concerns, filled in too
        numbered.ShouldBe(4);
        (await upgraded.Get<LiveTimeline>().ReadAsync(3, 4, LiveScope.Everything, 10)).Single().CaseId.ShouldBe(second.Id);
    }

    [Fact]
    public async Task A_snapshot_counts_the_scopes_open_overdue_intake_and_closed_cases_by_yinchuan_day_and_lists_its_recent_events()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 15, 1, 0, 0, TimeSpan.Zero)); // 09:00 in Yinchuan
        await using var host = await _database.StartSiloAsync(time);
        var cases = host.Get<CaseService>();
        var street = new CaseActor("street-640104001", "street1");
        var late = await cases.OpenAsync(Complaint("文化街暖气不热"));
        await cases.ExecuteAsync(late.Id, new ForwardCase(Manager, "street-640104001", time.GetUtcNow().AddHours(2), null));
        time.Advance(TimeSpan.FromMinutes(1)); // one run numbers what it finds by time, then case id
        var done = await cases.OpenAsync(Complaint("文化街路灯不亮"));
        await cases.ExecuteAsync(done.Id, new ForwardCase(Manager, "street-640104001", time.GetUtcNow().AddDays(7), null));
        var elsewhere = await cases.OpenAsync(Complaint("正源街暖气不热"));
        await cases.ExecuteAsync(elsewhere.Id, new ForwardCase(Manager, "street-640105001", time.GetUtcNow().AddDays(7), null));
        time.Advance(TimeSpan.FromHours(3));
        foreach (var command in new CaseCommand[] { new AcceptCase(street), new ReplyCase(street, "已修复"), new CloseCase(street, null) })
            await cases.ExecuteAsync(done.Id, command);
        await host.Get<LiveSequencer>().SequenceAsync();
        var snapshots = host.Get<LiveSnapshots>();
        var scope = LiveScope.Of(["street-640104001"]);

        var streetToday = await snapshots.TakeAsync(scope);
        var cityToday = await snapshots.TakeAsync(LiveScope.Everything);
        time.Advance(TimeSpan.FromHours(13)); // 01:00 the next day in Yinchuan
        var streetTomorrow = await snapshots.TakeAsync(scope);

        (streetToday.OpenCases, streetToday.OverdueNow, streetToday.IntakeToday, streetToday.ClosedToday).ShouldBe((1, 1, 2, 1));
        (cityToday.OpenCases, cityToday.OverdueNow, cityToday.IntakeToday, cityToday.ClosedToday).ShouldBe((2, 1, 3, 1));
        (streetTomorrow.OpenCases, streetTomorrow.OverdueNow, streetTomorrow.IntakeToday, streetTomorrow.ClosedToday).ShouldBe((1, 1, 0, 0));
        streetToday.DayStart.ShouldBe(new DateTimeOffset(2026, 11, 14, 16, 0, 0, TimeSpan.Zero));
        streetToday.Seq.ShouldBe(9);
        // Newest first; the openings were @问政银川's alone, so the street sees its cases from the forward on.
        streetToday.Recent.Select(e => (e.CaseId, e.Type)).ShouldBe([
            (done.Id, LiveEventTypes.CaseClosed), (done.Id, LiveEventTypes.CaseChanged), (done.Id, LiveEventTypes.CaseChanged),
            (done.Id, LiveEventTypes.CaseForwarded), (late.Id, LiveEventTypes.CaseForwarded)]);
        cityToday.Recent.Count.ShouldBe(9);
    }
}

public sealed class LiveSequencerTests_on_Sqlite() : LiveSequencerTests(StorageKind.Sqlite);

public sealed class LiveSequencerTests_on_PostgreSql() : LiveSequencerTests(StorageKind.PostgreSql);
