using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Metrics;

/// <summary>Drives cases through the real case grains on a hand-moved clock, in the words of the workflow.</summary>
public sealed class CaseDriver(SiloHost silo, ManualTimeProvider clock)
{
    public const string Manager = "wzyc";

    private CaseService Cases => silo.Get<CaseService>();

    public DateTimeOffset Now => clock.GetUtcNow();

    public void Wait(double hours) => clock.Advance(TimeSpan.FromHours(hours));

    public async Task<string> OpenAsync(string citizen = "citizen-1", string region = "640104001", string topic = "路灯")
    {
        var opened = await Cases.OpenAsync(new OpenCase(CaseActor.System(Manager), Manager, citizen, "小区路灯不亮", "城乡建设", topic, region, CaseUrgency.Normal));
        return opened.Id;
    }

    /// <summary>转办 with a resolution deadline and (optionally) a first-response limit, both counted from now.</summary>
    public Task<CaseState> ForwardAsync(string caseId, string to, double deadlineHours = 24, double? responseHours = 4, string by = Manager, string? reason = null) =>
        Cases.ExecuteAsync(caseId, new ForwardCase(new CaseActor(by, "op-" + by), to, Now.AddHours(deadlineHours), reason,
            responseHours is { } r ? Now.AddHours(r) : null));

    public Task<CaseState> AcceptAsync(string caseId, string unit) => Cases.ExecuteAsync(caseId, new AcceptCase(new CaseActor(unit, "op-" + unit)));

    public Task<CaseState> ReplyAsync(string caseId, string unit) => Cases.ExecuteAsync(caseId, new ReplyCase(new CaseActor(unit, "op-" + unit), "已派人维修，今晚恢复照明。"));

    public Task<CaseState> CloseAsync(string caseId, string unit) => Cases.ExecuteAsync(caseId, new CloseCase(new CaseActor(unit, "op-" + unit), "办结"));

    public Task<CaseState> ReturnAsync(string caseId, string unit) => Cases.ExecuteAsync(caseId, new ReturnCase(new CaseActor(unit, "op-" + unit), "不属于本单位职责"));

    public Task<CaseState> RateAsync(string caseId, bool solved, bool satisfied, string citizen = "citizen-1") =>
        Cases.ExecuteAsync(caseId, new RateCase(CaseActor.Citizen(citizen), solved, satisfied, null));

    public Task<CaseState> ReopenAsync(string caseId, string citizen = "citizen-1") =>
        Cases.ExecuteAsync(caseId, new ReopenCase(CaseActor.Citizen(citizen), "路灯又不亮了"));

    public Task<CaseState> MergeAsync(string caseId, string intoCaseId) =>
        Cases.ExecuteAsync(caseId, new MergeCase(new CaseActor(Manager, "op"), intoCaseId, "重复诉求"));

    public async Task ExtendAsync(string caseId, string unit, double untilHoursFromNow, string supervisor = Manager)
    {
        await Cases.ExecuteAsync(caseId, new RequestExtension(new CaseActor(unit, "op-" + unit), Now.AddHours(untilHoursFromNow), "需协调供电部门"));
        await Cases.ExecuteAsync(caseId, new DecideExtension(new CaseActor(supervisor, "op"), true, null));
    }

    /// <summary>Forward, sign for after <paramref name="acceptAfter"/> h, reply after a further <paramref name="replyAfter"/> h, close after a further <paramref name="closeAfter"/> h.</summary>
    public async Task<string> HandledAsync(string unit, double acceptAfter, double replyAfter, double closeAfter, double deadlineHours = 24, double? responseHours = 4, string citizen = "citizen-1")
    {
        var id = await OpenAsync(citizen);
        await ForwardAsync(id, unit, deadlineHours, responseHours);
        Wait(acceptAfter);
        await AcceptAsync(id, unit);
        Wait(replyAfter);
        await ReplyAsync(id, unit);
        Wait(closeAfter);
        await CloseAsync(id, unit);
        return id;
    }
}
