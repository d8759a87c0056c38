using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Outbound;

/// <summary>Starts silos with short, known back-off settings and walks cases to a public reply.</summary>
public static class OutboundTestSilo
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(10);

    public static Task<SiloHost> StartAsync(TestDatabase database, ManualTimeProvider time, int maxAttempts = 5)
    {
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Webhooks:BaseDelay"] = BaseDelay.ToString(),
            ["Webhooks:MaxDelay"] = "00:10:00",
            ["Webhooks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return SiloHost.StartAsync(settings, time);
    }

    /// <summary>Open (受理 at the manager), forward to the heating company, sign for it, reply publicly.</summary>
    public static async Task<CaseState> RepliedCaseAsync(SiloHost silo, TimeProvider time, string reply = "已派人维修，暖气恢复正常。", string citizen = "citizen-1")
    {
        var service = silo.Get<CaseService>();
        var opened = await service.OpenAsync(new OpenCase(
            CaseActor.System("wzyc"), "wzyc", citizen, "金凤区正源街小区暖气不热", "城乡建设", "供暖", "640106", CaseUrgency.Normal));
        await service.ExecuteAsync(opened.Id, new ForwardCase(new CaseActor("wzyc", "manager"), "ent-heating-1", time.GetUtcNow().AddDays(2), null));
        await service.ExecuteAsync(opened.Id, new AcceptCase(Heating));
        return await service.ExecuteAsync(opened.Id, new ReplyCase(Heating, reply));
    }

    public static readonly CaseActor Heating = new("ent-heating-1", "heating-officer");
}
