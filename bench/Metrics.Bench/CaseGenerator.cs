using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Metrics.Bench;

/// <summary>
/// Generated cases across the seeded Yinchuan matrix over a year: received by @问政银川 (more by day than by
/// night), forwarded to streets, communities, bureaus, their branches and enterprises with SLA limits, then
/// signed for, answered, closed, rated, sometimes returned, extended, reopened or merged, each step at a
/// plausible delay. A step later than "now" has not happened yet, so the last days hold open and overdue
/// cases. Each case is built by the real state machine (<see cref="CaseLifecycle"/>); case i is the same on
/// every run.
/// </summary>
public sealed class CaseGenerator
{
    private const string Manager = "wzyc";
    private static readonly (string Category, string Topic, double ResolutionHours, double FirstResponseHours)[] Kinds =
    [
        ("城乡建设", "供暖", 24, 4), ("城乡建设", "路灯", 168, 4), ("城乡建设", "物业", 168, 4), ("环境保护", "噪音", 168, 4),
        ("交通运输", "道路", 168, 4), ("城乡建设", "供水", 24, 4), ("劳动和社会保障", "拖欠工资", 360, 4), ("城乡建设", "违章建筑", 360, 4),
        ("其他", "燃气泄漏", 2, 0.5),
    ];

    private readonly AccountDirectory _accounts;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _now;
    private readonly string[] _units;

    public CaseGenerator(AccountDirectory accounts, DateTimeOffset start, DateTimeOffset now)
    {
        _accounts = accounts;
        _start = start;
        _now = now;
        // Weighted by how much each level handles: streets and bureau branches most.
        _units = accounts.All.Where(a => a.Active).SelectMany(a => Enumerable.Repeat(a.Id, a.Kind switch
        {
            AccountKind.Street => 6,
            AccountKind.BureauBranch => 4,
            AccountKind.CityBureau => 3,
            AccountKind.Enterprise => 3,
            AccountKind.Community => 1,
            _ => 0,
        })).Order(StringComparer.Ordinal).ToArray();
    }

    public CaseState Make(int index)
    {
        var random = new Random(unchecked(index * 7919 + 17));
        var received = _start + TimeSpan.FromTicks((long)((_now - _start).Ticks * Math.Pow(random.NextDouble(), 0.95)));
        // Complaints come by day: push a night-time moment into the day, half of the time.
        var hour = (received.UtcDateTime.Hour + 8) % 24;
        if (hour < 7 && random.NextDouble() < 0.5) received = received.AddHours(9);
        if (received > _now) received = _now.AddMinutes(-random.Next(1, 600));
        var kind = Kinds[random.Next(Kinds.Length)];
        var unit = _units[random.Next(_units.Length)];
        var region = _accounts.Find(unit)!.Jurisdiction.FirstOrDefault(code => code.Length >= 6) ?? "640104";
        var state = new CaseState();
        var id = CaseIds.New(received);
        var at = received;
        var actorManager = new CaseActor(Manager, "duty-officer");
        var unitActor = new CaseActor(unit, "op-" + unit);
        var citizen = CaseActor.Citizen($"citizen-{index % 300_000}");

        // A step later than now has not happened; one the rules refuse (an extension asked too late) did not happen either.
        bool Step(CaseCommand command, double delayHours)
        {
            var next = at.AddHours(delayHours);
            if (next > _now) return false;
            try
            {
                CaseLifecycle.Apply(state, id, command, next, _accounts);
            }
            catch (CaseRuleException)
            {
                return false;
            }
            at = next;
            return true;
        }

        Step(new OpenCase(CaseActor.System(Manager), Manager, citizen.UserId, $"{kind.Topic}问题，请尽快处理", kind.Category, kind.Topic, region, CaseUrgency.Normal), 0);
        if (random.NextDouble() < 0.03) return state; // still in triage
        ForwardCase Forward(string to) => new(actorManager, to, at.AddHours(kind.ResolutionHours), null, at.AddHours(kind.FirstResponseHours));
        if (!Step(Forward(unit), Delay(random, 0.05))) return state;
        if (random.NextDouble() < 0.05)
        {
            if (!Step(new ReturnCase(unitActor, "不属于本单位职责"), Delay(random, 1))) return state;
            unit = _units[random.Next(_units.Length)];
            unitActor = new CaseActor(unit, "op-" + unit);
            if (state.AccountId == unit || !Step(Forward(unit), Delay(random, 0.5))) return state;
        }
        if (random.NextDouble() < 0.08) return state; // never signed for
        if (!Step(new AcceptCase(unitActor), Delay(random, kind.FirstResponseHours * 0.6))) return state;
        if (random.NextDouble() < 0.05 && state.Deadline is { } deadline
            && Step(new RequestExtension(unitActor, deadline.AddHours(kind.ResolutionHours), "需协调多个部门"), Delay(random, kind.ResolutionHours * 0.2)))
        {
            Step(new DecideExtension(actorManager, random.NextDouble() < 0.8, null), Delay(random, 2));
        }
        if (random.NextDouble() < 0.1) return state; // still being handled
        if (!Step(new ReplyCase(unitActor, "已安排人员处理"), Delay(random, kind.FirstResponseHours))) return state;
        if (!Step(new CloseCase(unitActor, "办结"), Delay(random, kind.ResolutionHours * 0.4))) return state;
        if (random.NextDouble() < 0.04)
        {
            if (!Step(new ReopenCase(citizen, "问题没有解决"), Delay(random, 24))) return state;
            if (!Step(new AcceptCase(unitActor), Delay(random, 2))) return state;
            if (!Step(new ReplyCase(unitActor, "再次处理"), Delay(random, 6))) return state;
            if (!Step(new CloseCase(unitActor, "办结"), Delay(random, 12))) return state;
        }
        if (random.NextDouble() < 0.7) Step(new RateCase(citizen, random.NextDouble() < 0.85, random.NextDouble() < 0.8, null), Delay(random, 24));
        return state;
    }

    /// <summary>The duplicate of an open case: merged into it a little after it came in.</summary>
    public CaseState? MergedDuplicate(CaseState survivor, int index)
    {
        if (!survivor.IsOpen || survivor.Status == CaseStatus.Received) return null;
        var random = new Random(index);
        var received = survivor.ReceivedAt.AddMinutes(random.Next(5, 120));
        var merged = received.AddMinutes(random.Next(5, 60));
        if (merged > _now) return null;
        var state = new CaseState();
        var id = CaseIds.New(received);
        CaseLifecycle.Apply(state, id, new OpenCase(CaseActor.System(Manager), Manager, $"citizen-d{index}", survivor.Text, survivor.Category, survivor.Topic, survivor.RegionCode, CaseUrgency.Normal), received, _accounts);
        CaseLifecycle.Apply(state, id, new MergeCase(new CaseActor(Manager, "duty-officer"), survivor.Id, "重复诉求"), merged, _accounts);
        return state;
    }

    /// <summary>A log-normal delay around <paramref name="medianHours"/>: most quick, a long tail late.</summary>
    private static double Delay(Random random, double medianHours)
    {
        var u1 = 1 - random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
        return medianHours * Math.Exp(0.9 * normal);
    }
}
