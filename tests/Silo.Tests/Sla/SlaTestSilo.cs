using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Sla;

/// <summary>A silo over a real database with a manual clock, the live events it published, and case helpers for clock tests.</summary>
public sealed class SlaTestSilo : IAsyncDisposable
{
    public const string Street = "street-640104001";
    public const string District = "district-640104";
    public const string OtherStreet = "street-640105001";
    public const string Manager = "wzyc";
    public const string Jiwei = "jiwei";

    public static readonly CaseActor ManagerActor = new(Manager, "duty");
    public static readonly CaseActor StreetActor = new(Street, "grid");

    private readonly List<LiveEvent> _live = [];

    private SlaTestSilo(SiloHost silo, ManualTimeProvider time, DateTimeOffset start)
    {
        Silo = silo;
        Time = time;
        Start = start;
        silo.Get<LocalLiveEventPublisher>().Published += e => { lock (_live) _live.Add(e); };
    }

    public SiloHost Silo { get; }

    public ManualTimeProvider Time { get; }

    /// <summary>When the test's clock started; cases are forwarded then unless the test moves first.</summary>
    public DateTimeOffset Start { get; }

    public CaseService Cases => Silo.Get<CaseService>();

    public static async Task<SlaTestSilo> StartAsync(
        TestDatabase database, DateTimeOffset start, Func<Microsoft.Extensions.Hosting.IHostedService, bool>? alsoStart = null,
        Dictionary<string, string?>? settings = null, bool seed = true)
    {
        var time = new ManualTimeProvider(start);
        var all = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return new SlaTestSilo(await SiloHost.StartAsync(all, time, seed, alsoStart), time, start);
    }

    public IReadOnlyList<LiveEvent> Live(string type)
    {
        lock (_live) return _live.Where(e => e.Type == type).ToList();
    }

    /// <summary>Moves the manual clock to <paramref name="sinceStart"/> after the start.</summary>
    public void At(TimeSpan sinceStart) => Time.Advance(Start + sinceStart - Time.GetUtcNow());

    public async Task<string> OpenAsync(string? topic = null, string citizen = "citizen-1")
    {
        var opened = await Cases.OpenAsync(new OpenCase(
            CaseActor.System(Manager), Manager, citizen, "凤凰北街小区路灯不亮，晚上出行不便", "城乡建设", topic, "640104001", CaseUrgency.Normal));
        return opened.Id;
    }

    /// <summary>Opens a case and forwards it now to <paramref name="to"/> with both clocks given.</summary>
    public async Task<string> ForwardedAsync(TimeSpan resolution, TimeSpan firstResponse, string to = Street)
    {
        var id = await OpenAsync();
        var now = Time.GetUtcNow();
        await Cases.ExecuteAsync(id, new ForwardCase(ManagerActor, to, now + resolution, "属地管理", now + firstResponse));
        return id;
    }

    public async Task<CaseState> GetAsync(string id) => (await Cases.GetAsync(id))!;

    public Task<SlaEvaluation> EvaluateAsync(string id) => Silo.Get<SlaEvaluator>().EvaluateAsync(id);

    public async Task<IReadOnlyList<CaseEvent>> SlaEntriesAsync(string id) =>
        (await GetAsync(id)).Timeline.Where(e => e.Action is CaseAction.SlaWarning or CaseAction.Supervise).ToList();

    /// <summary>The SLA entries as stored (another process's writes included, which this process's activation may not have seen).</summary>
    public async Task<IReadOnlyList<CaseEvent>> StoredSlaEntriesAsync(string id)
    {
        await using var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == id && (e.Action == CaseAction.SlaWarning || e.Action == CaseAction.Supervise))
            .OrderBy(e => e.Seq)
            .ToListAsync();
    }

    public ValueTask DisposeAsync() => Silo.DisposeAsync();
}
