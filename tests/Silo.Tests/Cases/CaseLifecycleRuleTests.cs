using System.Text.Json;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Tests.Cases;

/// <summary>The rules inside the transitions: who may act, deadlines, 首接负责制, the timeline.</summary>
public sealed class CaseLifecycleRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly CaseActor Manager = new("wzyc", "manager");
    private static readonly CaseActor Street = new("street-a", "officer-s");
    private static readonly CaseActor Community = new("community-a", "officer-c");
    private AccountDirectory _accounts = null!;
    private CaseState _case = null!;
    private DateTimeOffset _now = T0;

    private async Task<CaseState> OpenAsync()
    {
        _accounts = await TestMatrix.DirectoryAsync();
        _case = new CaseState();
        Apply(new OpenCase(CaseActor.System("wzyc"), "wzyc", "citizen-1", "楼下烧烤店噪音扰民", "环境保护", "噪音", "640104001", CaseUrgency.Normal));
        return _case;
    }

    private CaseEvent Apply(CaseCommand command, TimeSpan? after = null)
    {
        _now += after ?? TimeSpan.FromMinutes(1);
        return CaseLifecycle.Apply(_case, "YC-RULES", command, _now, _accounts);
    }

    private void Refused(CaseCommand command, DomainError error, string field, TimeSpan? after = null)
    {
        var before = JsonSerializer.Serialize(_case);
        var refusal = Should.Throw<CaseRuleException>(() => Apply(command, after));
        refusal.Error.ShouldBe(error);
        refusal.Field.ShouldBe(field);
        JsonSerializer.Serialize(_case).ShouldBe(before);
    }

    [Fact]
    public async Task Case_forwarded_twice_keeps_first_receiver_answerable()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));
        Apply(new ForwardCase(Street, "community-a", T0.AddDays(7), "属社区网格职责"));

        _case.AccountId.ShouldBe("community-a");
        _case.FirstReceiverId.ShouldBe("street-a");
        _case.AnswerableAccountId.ShouldBe("street-a");
    }

    [Fact]
    public async Task Accepting_a_hand_over_makes_the_new_unit_answerable()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));
        Apply(new AcceptCase(Street));
        Apply(new ForwardCase(Street, "community-a", T0.AddDays(7), "属社区网格职责"));
        _case.AnswerableAccountId.ShouldBe("street-a");

        Apply(new AcceptCase(Community));

        _case.AnswerableAccountId.ShouldBe("community-a");
        _case.FirstReceiverId.ShouldBe("street-a");
    }

    [Fact]
    public async Task Returned_case_goes_back_to_the_forwarder_and_keeps_the_first_receiver_answerable()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));
        var entry = Apply(new ReturnCase(Street, "非本街道辖区"));

        _case.Status.ShouldBe(CaseStatus.Returned);
        _case.AccountId.ShouldBe("wzyc");
        _case.Deadline.ShouldBeNull();
        _case.AnswerableAccountId.ShouldBe("street-a");
        entry.Reason.ShouldBe("非本街道辖区");
        entry.TargetAccountId.ShouldBe("wzyc");
    }

    [Fact]
    public async Task Return_without_a_reason_is_refused()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));

        Refused(new ReturnCase(Street, " "), DomainError.Invalid, "reason");
    }

    [Fact]
    public async Task Only_the_holder_may_accept_reply_or_close()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));

        Refused(new AcceptCase(Community), DomainError.Forbidden, "actingAccountId");
        Refused(new AcceptCase(Manager), DomainError.Forbidden, "actingAccountId");
        Apply(new AcceptCase(Street));
        Refused(new ReplyCase(Community, "已处理"), DomainError.Forbidden, "actingAccountId");
    }

    [Fact]
    public async Task Forwarding_needs_an_active_target_and_a_future_deadline()
    {
        await OpenAsync();

        Refused(new ForwardCase(Manager, "closed-unit", T0.AddDays(7), null), DomainError.Invalid, "toAccountId");
        Refused(new ForwardCase(Manager, "nobody", T0.AddDays(7), null), DomainError.Invalid, "toAccountId");
        Refused(new ForwardCase(Manager, "street-a", T0, null), DomainError.Invalid, "deadline");
        Refused(new ForwardCase(Community, "street-a", T0.AddDays(7), null), DomainError.Forbidden, "actingAccountId");
    }

    [Fact]
    public async Task Forwarding_onward_needs_a_reason()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));

        Refused(new ForwardCase(Street, "community-a", T0.AddDays(7), null), DomainError.Invalid, "reason");
    }

    [Fact]
    public async Task Extension_is_requested_before_the_deadline_and_approved_by_a_supervisor()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(1), null));
        Apply(new AcceptCase(Street));

        Apply(new RequestExtension(Street, T0.AddDays(3), "需要协调供热公司"));
        _case.PendingExtensionUntil.ShouldBe(T0.AddDays(3));
        Refused(new RequestExtension(Street, T0.AddDays(4), "再延"), DomainError.Conflict, "until");
        Refused(new DecideExtension(Street, true, null), DomainError.Forbidden, "actingAccountId");
        Refused(new DecideExtension(new CaseActor("district-b", "x"), true, null), DomainError.Forbidden, "actingAccountId");

        Apply(new DecideExtension(new CaseActor("district-a", "chief"), true, "同意"));

        _case.Deadline.ShouldBe(T0.AddDays(3));
        _case.PendingExtensionUntil.ShouldBeNull();
        _case.Timeline[^1].Action.ShouldBe(CaseAction.ApproveExtension);
    }

    [Fact]
    public async Task Extension_requested_after_the_deadline_is_refused()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddHours(2), null));

        Refused(new RequestExtension(Street, T0.AddDays(3), "来不及"), DomainError.Conflict, "until", after: TimeSpan.FromHours(3));
    }

    [Fact]
    public async Task Rejected_extension_keeps_the_deadline()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(1), null));
        Apply(new RequestExtension(Street, T0.AddDays(3), "人手不足"));

        Apply(new DecideExtension(Manager, false, "不同意，请按期办结"));

        _case.Deadline.ShouldBe(T0.AddDays(1));
        _case.Timeline[^1].Action.ShouldBe(CaseAction.RejectExtension);
    }

    private void CloseByStreet()
    {
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), null));
        Apply(new AcceptCase(Street));
        Apply(new ReplyCase(Street, "已协调处理"));
        Apply(new CloseCase(Street, null));
    }

    [Fact]
    public async Task Citizen_may_reopen_within_seven_days_of_closure_only()
    {
        await OpenAsync();
        CloseByStreet();

        Refused(new ReopenCase(CaseActor.Citizen("citizen-1"), "没解决"), DomainError.Conflict, "caseId", after: TimeSpan.FromDays(7.5));
        _now -= TimeSpan.FromDays(7.5);
        Apply(new ReopenCase(CaseActor.Citizen("citizen-1"), "没解决"), TimeSpan.FromDays(6));

        _case.Status.ShouldBe(CaseStatus.Reopened);
        _case.ReopenCount.ShouldBe(1);
        _case.AccountId.ShouldBe("street-a");
    }

    [Fact]
    public async Task Only_the_citizen_who_raised_the_case_may_rate_or_reopen_it()
    {
        await OpenAsync();
        CloseByStreet();

        Refused(new RateCase(CaseActor.Citizen("someone-else"), true, true, null), DomainError.Forbidden, "actingAccountId");
        Refused(new RateCase(Street, true, true, null), DomainError.Forbidden, "actingAccountId");
        Apply(new RateCase(CaseActor.Citizen("citizen-1"), Solved: true, Satisfied: false, "态度一般"));

        _case.Solved.ShouldBe(true);
        _case.Satisfied.ShouldBe(false);
    }

    [Fact]
    public async Task Supervision_comes_from_above_on_either_chain()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "branch-x-a", T0.AddDays(7), null));

        Refused(new SuperviseCase(new CaseActor("district-b", "x"), 1, "请办理"), DomainError.Forbidden, "actingAccountId");
        Refused(new SuperviseCase(new CaseActor("jiwei", "x"), 4, "请办理"), DomainError.Invalid, "level");
        Apply(new SuperviseCase(new CaseActor("district-a", "x"), 1, "请按时办理"));
        Apply(new SuperviseCase(new CaseActor("bureau-x", "x"), 2, "局里督办"));
        Apply(new SuperviseCase(new CaseActor("jiwei", "x"), 1, "纪委关注"));

        _case.SupervisionLevel.ShouldBe(2);
        _case.Timeline.Count(e => e.Action == CaseAction.Supervise).ShouldBe(3);
    }

    [Fact]
    public async Task Every_accepted_command_appends_one_timeline_entry_with_who_when_and_why()
    {
        await OpenAsync();
        Apply(new ForwardCase(Manager, "street-a", T0.AddDays(7), "属地管理"));
        Apply(new AcceptCase(Street));
        Refused(new CloseCase(Street, null), DomainError.Conflict, "state");

        _case.Timeline.Select(e => e.Seq).ShouldBe([1, 2, 3]);
        _case.Timeline.Select(e => e.Action).ShouldBe([CaseAction.Open, CaseAction.Forward, CaseAction.Accept]);
        var forward = _case.Timeline[1];
        forward.ActorAccountId.ShouldBe("wzyc");
        forward.ActorUserId.ShouldBe("manager");
        forward.FromStatus.ShouldBe(CaseStatus.Received);
        forward.ToStatus.ShouldBe(CaseStatus.Forwarded);
        forward.Reason.ShouldBe("属地管理");
        forward.Deadline.ShouldBe(T0.AddDays(7));
        forward.At.ShouldBe(T0.AddMinutes(2));
    }

    [Fact]
    public async Task A_case_cannot_be_merged_into_itself()
    {
        await OpenAsync();

        Refused(new MergeCase(Manager, "YC-RULES", null), DomainError.Invalid, "intoCaseId");
    }

    [Fact]
    public async Task Opening_needs_text_category_citizen_and_an_active_receiver()
    {
        _accounts = await TestMatrix.DirectoryAsync();
        var actor = CaseActor.System();
        foreach (var (command, field) in new (OpenCase, string)[]
        {
            (new OpenCase(actor, "wzyc", "c", "", "环境保护", null, null, CaseUrgency.Normal), "text"),
            (new OpenCase(actor, "wzyc", "c", new string('吵', CaseLifecycle.MaxTextLength + 1), "环境保护", null, null, CaseUrgency.Normal), "text"),
            (new OpenCase(actor, "wzyc", "", "吵", "环境保护", null, null, CaseUrgency.Normal), "citizenId"),
            (new OpenCase(actor, "wzyc", "c", "吵", " ", null, null, CaseUrgency.Normal), "category"),
            (new OpenCase(actor, "closed-unit", "c", "吵", "环境保护", null, null, CaseUrgency.Normal), "receivingAccountId"),
        })
        {
            var state = new CaseState();
            var refusal = Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(state, "YC-X", command, T0, _accounts));
            refusal.Field.ShouldBe(field);
            state.Id.ShouldBe("");
            state.Timeline.ShouldBeEmpty();
        }
    }
}
