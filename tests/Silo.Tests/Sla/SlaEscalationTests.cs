using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Tests.Infrastructure;
using static CityMatrix.Silo.Tests.Sla.SlaTestSilo;

namespace CityMatrix.Silo.Tests.Sla;

/// <summary>
/// Warning, 督办 and escalation driven through the evaluator (what a Quartz wake-up runs) with a manual clock,
/// over a real database; every test runs on SQLite and on PostgreSQL (subclasses below).
/// </summary>
public abstract class SlaEscalationTests(StorageKind kind) : IAsyncLifetime
{
    /// <summary>Monday 16 November 2026, 09:00 in Yinchuan.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 1, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private SlaTestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await SlaTestSilo.StartAsync(_database, Monday);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public async Task A_clock_warns_at_80_percent_and_a_breach_sends_督办_to_the_holder_and_its_parent()
    {
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));
        await _silo.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));

        _silo.At(H(7.9));
        (await _silo.EvaluateAsync(id)).Applied.ShouldBeEmpty();
        _silo.At(H(8));
        var warned = await _silo.EvaluateAsync(id);

        warned.Applied.Single().Stage.ShouldBe(SlaStage.Warned);
        var warning = (await _silo.SlaEntriesAsync(id)).Single();
        warning.Action.ShouldBe(CaseAction.SlaWarning);
        warning.TargetAccountId.ShouldBe(Street);
        warning.Deadline.ShouldBe(Monday + H(10));
        warning.Reason!.ShouldContain("办理时限预警");
        _silo.Live(LiveEventTypes.SlaWarning).Single().AccountIds.ShouldContain(Street);
        _silo.Silo.Get<SlaClocks>().StatusAt(warned.State!, _silo.Time.GetUtcNow()).State.ShouldBe(SlaState.Warning);

        _silo.At(H(10));
        var breached = await _silo.EvaluateAsync(id);

        breached.Applied.Single().Stage.ShouldBe(SlaStage.Breached);
        var supervision = (await _silo.SlaEntriesAsync(id))[^1];
        supervision.Action.ShouldBe(CaseAction.Supervise);
        supervision.SupervisionLevel.ShouldBe(1);
        supervision.ActorUserId.ShouldBe(CaseActor.SystemUser);
        supervision.TargetAccountId.ShouldBe(Street);
        supervision.Reason!.ShouldContain("@凤凰北街街道");
        supervision.Reason!.ShouldContain("@兴庆区政府");
        breached.State!.SupervisionLevel.ShouldBe(1);
        var breach = _silo.Live(LiveEventTypes.SlaBreach).Single();
        breach.CaseId.ShouldBe(id);
        breach.AccountIds.ShouldBe([Street, District], ignoreOrder: true);
        _silo.Silo.Get<SlaClocks>().StatusAt(breached.State, _silo.Time.GetUtcNow()).State.ShouldBe(SlaState.Breached);
    }

    [Fact]
    public async Task A_second_breach_escalates_to_the_manager_and_a_third_to_the_super_supervisors_with_the_问责_list()
    {
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));
        await _silo.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));
        _silo.At(H(10));
        await _silo.EvaluateAsync(id);

        _silo.At(H(33.9));
        (await _silo.EvaluateAsync(id)).Applied.ShouldBeEmpty();
        _silo.At(H(34));
        (await _silo.EvaluateAsync(id)).State!.SupervisionLevel.ShouldBe(2);
        _silo.Live(LiveEventTypes.SlaBreach)[^1].AccountIds.ShouldContain(Manager);
        (await _silo.SlaEntriesAsync(id))[^1].Reason!.ShouldContain("@问政银川");
        (await _silo.Silo.Get<SlaQueries>().AccountabilityAsync()).ShouldNotContain(e => e.CaseId == id);

        _silo.At(H(58));
        var third = await _silo.EvaluateAsync(id);

        third.State!.SupervisionLevel.ShouldBe(3);
        var escalation = _silo.Live(LiveEventTypes.SlaBreach)[^1];
        escalation.AccountIds.ShouldContain(Jiwei);
        escalation.AccountIds.ShouldContain(Manager);
        (await _silo.SlaEntriesAsync(id))[^1].Reason!.ShouldContain("@银川纪委");
        var accountability = (await _silo.Silo.Get<SlaQueries>().AccountabilityAsync()).Single(e => e.CaseId == id);
        accountability.AnswerableAccountId.ShouldBe(Street);
        accountability.HolderId.ShouldBe(Street);
        accountability.Level.ShouldBe(3);
        accountability.EscalatedAt.ShouldBe(Monday + H(58));

        // Level 3 is the top: more overdue time adds no step and needs no wake-up.
        _silo.At(H(200));
        (await _silo.EvaluateAsync(id)).Applied.ShouldBeEmpty();
        _silo.Silo.Get<SlaClocks>().NextWakeUp(third.State, _silo.Time.GetUtcNow()).ShouldBeNull();
        (await _silo.SlaEntriesAsync(id)).Count(e => e.Action == CaseAction.Supervise).ShouldBe(3);
    }

    [Fact]
    public async Task An_unanswered_case_breaches_its_first_response_clock_first_and_its_resolution_clock_is_the_second_breach()
    {
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));

        _silo.At(H(4));
        (await _silo.EvaluateAsync(id)).State!.SupervisionLevel.ShouldBe(1);
        _silo.At(H(10));
        var second = await _silo.EvaluateAsync(id);

        second.Applied.Select(s => (s.Clock, s.Stage)).ShouldBe([(SlaClock.Resolution, SlaStage.Breached)], "the resolution warning is moot by then");
        second.State!.SupervisionLevel.ShouldBe(2);
        (await _silo.SlaEntriesAsync(id)).Select(e => e.SupervisionLevel).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Evaluating_again_or_from_a_second_host_at_once_applies_each_step_once()
    {
        await using var second = await SlaTestSilo.StartAsync(_database, Monday);
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));
        await _silo.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));
        _silo.At(H(59));
        second.At(H(59));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? _silo : second).EvaluateAsync(id))));
        await _silo.EvaluateAsync(id);

        var entries = await _silo.StoredSlaEntriesAsync(id);
        entries.Where(e => e.Action == CaseAction.Supervise).Select(e => e.SupervisionLevel).ShouldBe([1, 2, 3]);
        entries.ShouldNotContain(e => e.Action == CaseAction.SlaWarning);
    }

    [Fact]
    public async Task An_extension_approved_before_the_deadline_moves_the_clock()
    {
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));
        await _silo.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));
        _silo.At(H(7));
        await _silo.Cases.ExecuteAsync(id, new RequestExtension(StreetActor, Monday + H(20), "需协调供电部门更换线路"));
        var approved = await _silo.Cases.ExecuteAsync(id, new DecideExtension(new CaseActor(District, "supervisor"), true, "同意"));

        _silo.Silo.Get<SlaClocks>().NextWakeUp(approved, _silo.Time.GetUtcNow()).ShouldBe(Monday + H(16));
        _silo.At(H(12));
        (await _silo.EvaluateAsync(id)).Applied.ShouldBeEmpty();
        _silo.At(H(16));
        (await _silo.EvaluateAsync(id)).Applied.Single().Stage.ShouldBe(SlaStage.Warned);
        _silo.At(H(20));
        (await _silo.EvaluateAsync(id)).State!.SupervisionLevel.ShouldBe(1);
        (await _silo.SlaEntriesAsync(id)).Select(e => e.Deadline).ShouldBe([Monday + H(20), Monday + H(20)]);
    }

    [Fact]
    public async Task A_closed_case_has_no_clock_left_to_fire()
    {
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));
        await _silo.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));
        await _silo.Cases.ExecuteAsync(id, new ReplyCase(StreetActor, "已安排电工维修，路灯恢复。"));
        var closed = await _silo.Cases.ExecuteAsync(id, new CloseCase(StreetActor, null));

        _silo.At(H(100));

        (await _silo.EvaluateAsync(id)).Applied.ShouldBeEmpty();
        _silo.Silo.Get<SlaClocks>().NextWakeUp(closed, _silo.Time.GetUtcNow()).ShouldBeNull();
        (await _silo.SlaEntriesAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_case_returned_as_the_wrong_unit_stops_its_clocks_and_keeps_the_first_receiver_answerable()
    {
        var id = await _silo.ForwardedAsync(resolution: H(10), firstResponse: H(4));
        _silo.At(H(1));
        var returned = await _silo.Cases.ExecuteAsync(id, new ReturnCase(StreetActor, "不属本街道辖区"));

        returned.AccountId.ShouldBe(Manager);
        returned.Status.ShouldBe(CaseStatus.Returned);
        _silo.Silo.Get<SlaClocks>().NextWakeUp(returned, _silo.Time.GetUtcNow()).ShouldBeNull();
        _silo.At(H(5));
        (await _silo.EvaluateAsync(id)).Applied.ShouldBeEmpty();

        // Routing restarts at the manager: the new unit gets fresh clocks, the first receiver stays answerable.
        var now = _silo.Time.GetUtcNow();
        await _silo.Cases.ExecuteAsync(id, new ForwardCase(ManagerActor, OtherStreet, now + H(10), "改派", now + H(4)));
        _silo.At(H(9));
        var breached = await _silo.EvaluateAsync(id);

        breached.Applied.Single().Clock.ShouldBe(SlaClock.FirstResponse);
        breached.State!.FirstReceiverId.ShouldBe(Street);
        breached.State.AnswerableAccountId.ShouldBe(Street);
        (await _silo.SlaEntriesAsync(id))[^1].TargetAccountId.ShouldBe(OtherStreet);
        _silo.Live(LiveEventTypes.SlaBreach).Single().AccountIds.ShouldBe([OtherStreet, "district-640105", Street], ignoreOrder: true);
    }

    [Fact]
    public async Task A_template_on_working_days_counts_its_deadline_without_weekends_and_holidays()
    {
        // Friday 20 November 17:00 in Yinchuan; Monday the 23rd made a holiday.
        await using var friday = await SlaTestSilo.StartAsync(_database, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            settings: new() { ["Sla:Calendar:Holidays:0"] = "2026-11-23" });
        var templates = friday.Silo.Get<SlaTemplates>();
        var general = templates.Current.Single(t => t.Id == "general");
        await templates.SaveAsync(new SlaTemplate
        {
            Id = "general", Name = "一般诉求 3 个工作日", ResolutionHours = 3 * 24, FirstResponseHours = 4, WorkingDays = true,
        });
        var id = await friday.OpenAsync();

        // A person's forward names the deadline; the first-response clock and working time come from the template.
        var deadline = friday.Silo.Get<WorkingCalendar>().Add(friday.Time.GetUtcNow(), H(72));
        var forwarded = await friday.Cases.ExecuteAsync(id, new ForwardCase(ManagerActor, Street, deadline, "属地管理"));

        var yinchuan = TimeSpan.FromHours(8);
        forwarded.SlaWorkingTime.ShouldBeTrue();
        forwarded.Deadline.ShouldBe(new DateTimeOffset(2026, 11, 26, 17, 0, 0, yinchuan), "Friday 7 h, Tuesday and Wednesday, Thursday until 17:00");
        forwarded.FirstResponseDue.ShouldBe(new DateTimeOffset(2026, 11, 20, 21, 0, 0, yinchuan));
        await friday.Cases.ExecuteAsync(id, new AcceptCase(StreetActor));
        // 80% of 72 working hours = 57.6 h: Friday 7 h, Tuesday and Wednesday 48 h, Thursday 02:36.
        friday.Time.Advance(new DateTimeOffset(2026, 11, 26, 2, 35, 0, yinchuan) - friday.Time.GetUtcNow());
        (await friday.EvaluateAsync(id)).Applied.ShouldBeEmpty();
        friday.Time.Advance(TimeSpan.FromMinutes(1));
        (await friday.EvaluateAsync(id)).Applied.Single().Stage.ShouldBe(SlaStage.Warned);
        await templates.SaveAsync(general);
    }
}

public sealed class SlaEscalationTests_on_Sqlite() : SlaEscalationTests(StorageKind.Sqlite);

public sealed class SlaEscalationTests_on_PostgreSql() : SlaEscalationTests(StorageKind.PostgreSql);
