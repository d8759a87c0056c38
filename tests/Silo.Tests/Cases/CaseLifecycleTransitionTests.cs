using System.Text.Json;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Silo.Tests.Cases;

/// <summary>Every action tried from every state: the legal ones move the case, the others change nothing.</summary>
public sealed class CaseLifecycleTransitionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);
    private const string Citizen = "citizen-1";

    /// <summary>The specification: from each state, which actions are legal and where they lead.</summary>
    private static readonly Dictionary<CaseStatus, Dictionary<string, CaseStatus?>> Legal = new()
    {
        [CaseStatus.Received] = new() { ["forward"] = CaseStatus.Forwarded, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.Forwarded] = new() { ["forward"] = CaseStatus.Forwarded, ["accept"] = CaseStatus.Accepted, ["return"] = CaseStatus.Returned, ["extend"] = null, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.Accepted] = new() { ["forward"] = CaseStatus.Forwarded, ["start"] = CaseStatus.InProgress, ["reply"] = CaseStatus.Replied, ["return"] = CaseStatus.Returned, ["extend"] = null, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.InProgress] = new() { ["forward"] = CaseStatus.Forwarded, ["reply"] = CaseStatus.Replied, ["extend"] = null, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.Replied] = new() { ["close"] = CaseStatus.Closed, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.Closed] = new() { ["rate"] = CaseStatus.Rated, ["reopen"] = CaseStatus.Reopened },
        [CaseStatus.Rated] = new() { ["reopen"] = CaseStatus.Reopened },
        [CaseStatus.Returned] = new() { ["forward"] = CaseStatus.Forwarded, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.Reopened] = new() { ["forward"] = CaseStatus.Forwarded, ["accept"] = CaseStatus.Accepted, ["merge"] = CaseStatus.Merged, ["supervise"] = null },
        [CaseStatus.Merged] = new(),
    };

    private static readonly string[] Actions = ["forward", "accept", "start", "reply", "close", "rate", "return", "extend", "reopen", "merge", "supervise"];

    public static TheoryData<CaseStatus, string> EveryStateAndAction()
    {
        var data = new TheoryData<CaseStatus, string>();
        foreach (var status in Enum.GetValues<CaseStatus>())
            foreach (var action in Actions)
                data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public async Task Action_from_state_is_applied_only_when_the_lifecycle_allows_it(CaseStatus status, string action)
    {
        var accounts = await TestMatrix.DirectoryAsync();
        var state = CaseIn(status, accounts);
        var before = JsonSerializer.Serialize(state);
        var command = CommandFor(action, state);

        if (Legal[status].TryGetValue(action, out var next))
        {
            var entry = CaseLifecycle.Apply(state, state.Id, command, Start.AddHours(10), accounts);
            state.Status.ShouldBe(next ?? status);
            entry.FromStatus.ShouldBe(status);
            entry.ToStatus.ShouldBe(state.Status);
            state.Timeline[^1].ShouldBeSameAs(entry);
        }
        else
        {
            var refusal = Should.Throw<CaseRuleException>(() => CaseLifecycle.Apply(state, state.Id, command, Start.AddHours(10), accounts));
            refusal.Error.ShouldBe(DomainError.Conflict);
            JsonSerializer.Serialize(state).ShouldBe(before);
        }
    }

    [Fact]
    public void The_specification_covers_every_state() =>
        Legal.Keys.Order().ShouldBe(Enum.GetValues<CaseStatus>().Order());

    private static CaseCommand CommandFor(string action, CaseState state)
    {
        var holder = new CaseActor(state.AccountId, "officer");
        var elsewhere = state.AccountId == "street-a" ? "community-a" : "street-a";
        return action switch
        {
            "forward" => new ForwardCase(holder, elsewhere, Start.AddDays(3), "不属于本单位职责，转交"),
            "accept" => new AcceptCase(holder),
            "start" => new StartHandling(holder),
            "reply" => new ReplyCase(holder, "已安排维修人员上门。"),
            "close" => new CloseCase(holder, null),
            "rate" => new RateCase(CaseActor.Citizen(Citizen), true, true, null),
            "return" => new ReturnCase(holder, "非本单位辖区"),
            "extend" => new RequestExtension(holder, (state.Deadline ?? Start).AddDays(5), "需协调多个部门"),
            "reopen" => new ReopenCase(CaseActor.Citizen(Citizen), "问题没有解决"),
            "merge" => new MergeCase(holder, "YC-OTHER", "重复投诉"),
            "supervise" => new SuperviseCase(new CaseActor("jiwei", "supervisor"), 1, "请尽快办理"),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    /// <summary>Drives a new case along legal steps until it is in <paramref name="status"/>.</summary>
    internal static CaseState CaseIn(CaseStatus status, AccountDirectory accounts)
    {
        var state = new CaseState();
        var at = Start;
        void Do(CaseCommand command) => CaseLifecycle.Apply(state, "YC-TEST", command, at = at.AddMinutes(5), accounts);
        var street = new CaseActor("street-a", "officer");

        Do(new OpenCase(CaseActor.System("wzyc"), "wzyc", Citizen, "小区暖气不热", "城乡建设", "供暖", "640104001", CaseUrgency.Urgent));
        if (status == CaseStatus.Received) return state;
        if (status == CaseStatus.Merged)
        {
            Do(new MergeCase(new CaseActor("wzyc", "manager"), "YC-OTHER", "重复"));
            return state;
        }
        Do(new ForwardCase(new CaseActor("wzyc", "manager"), "street-a", Start.AddDays(1), null));
        if (status == CaseStatus.Forwarded) return state;
        if (status == CaseStatus.Returned)
        {
            Do(new ReturnCase(street, "非本辖区"));
            return state;
        }
        Do(new AcceptCase(street));
        if (status == CaseStatus.Accepted) return state;
        Do(new StartHandling(street));
        if (status == CaseStatus.InProgress) return state;
        Do(new ReplyCase(street, "已处理"));
        if (status == CaseStatus.Replied) return state;
        Do(new CloseCase(street, null));
        if (status == CaseStatus.Closed) return state;
        if (status == CaseStatus.Reopened)
        {
            Do(new ReopenCase(CaseActor.Citizen(Citizen), "还是不热"));
            return state;
        }
        Do(new RateCase(CaseActor.Citizen(Citizen), false, false, null));
        return state;
    }
}
