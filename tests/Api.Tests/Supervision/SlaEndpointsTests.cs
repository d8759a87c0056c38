using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Sla.Scheduling;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Supervision;

/// <summary>
/// The clocks through the real server: the SLA picture on a case and in the inbox, the 问责 list, the triggers
/// the server keeps. The server's clock is a manual one starting at the wall clock's now; the Quartz wake-up
/// is stood in for by calling the evaluator it runs, so no test waits for time to pass.
/// </summary>
public abstract class SlaEndpointsTests(StorageKind kind) : IAsyncLifetime
{
    private const string Street = "street-640104001";

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private CityMatrixApp _app = null!;
    private DateTimeOffset _start;

    public async Task InitializeAsync()
    {
        _start = _time.GetUtcNow();
        // Tokens are judged by the same manual clock: let them outlive the days the tests move through.
        _app = await CityMatrixApp.StartAsync(kind, _time, new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "30.00:00:00", ["Sla:TriggerHorizon"] = "30.00:00:00" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private void At(double hours) => _time.Advance(_start.AddHours(hours) - _time.GetUtcNow());

    private async Task<string> ForwardedAsync(HttpClient manager, double hours)
    {
        var opened = await manager.PostJsonAsync("/api/cases", new { citizenId = "citizen1", text = "凤凰北街路灯不亮", category = "城乡建设", regionCode = "640104001" });
        var id = (await opened.JsonAsync()).GetProperty("id").GetString()!;
        (await manager.PostJsonAsync($"/api/cases/{id}/forward", new { toAccountId = Street, deadline = _time.GetUtcNow().AddHours(hours) })).EnsureSuccessStatusCode();
        return id;
    }

    private Task EvaluateAsync(string id) => _app.Services.GetRequiredService<SlaEvaluator>().EvaluateAsync(id);

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_case_shows_its_clocks_turns_orange_and_red_and_reaches_the_问责_list_at_level_3()
    {
        var manager = await _app.ClientForAsync("wzyc");
        var street = await _app.ClientForAsync("street1");
        var jiwei = await _app.ClientForAsync("jiwei");
        var id = await ForwardedAsync(manager, 10);

        var fresh = await GetAsync(manager, $"/api/cases/{id}");
        fresh.GetProperty("sla").GetProperty("state").GetString().ShouldBe("Ok");
        fresh.GetProperty("sla").GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("clock").GetString()).ShouldBe(["FirstResponse", "Resolution"]);
        fresh.GetProperty("firstResponseDue").GetDateTimeOffset().ShouldBe(_start.AddHours(4), "a person's forward takes the first-response limit from the template");
        (await street.PostJsonAsync($"/api/cases/{id}/accept", new { })).EnsureSuccessStatusCode();

        At(8);
        await EvaluateAsync(id);
        var orange = await GetAsync(street, $"/api/cases/{id}");
        orange.GetProperty("sla").GetProperty("state").GetString().ShouldBe("Warning");
        orange.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString().ShouldBe("SlaWarning");
        var inbox = await GetAsync(street, "/api/inbox?limit=200");
        inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id).GetProperty("slaState").GetString().ShouldBe("Warning");

        foreach (var hours in new[] { 10, 34, 58 })
        {
            At(hours);
            await EvaluateAsync(id);
        }
        var red = await GetAsync(street, $"/api/cases/{id}");
        red.GetProperty("sla").GetProperty("state").GetString().ShouldBe("Breached");
        red.GetProperty("sla").GetProperty("level").GetInt32().ShouldBe(3);
        red.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "Supervise")
            .Select(e => e.GetProperty("supervisionLevel").GetInt32()).ShouldBe([1, 2, 3]);

        var list = await GetAsync(jiwei, "/api/supervision/accountability");
        var line = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetString() == id);
        line.GetProperty("answerable").GetProperty("id").GetString().ShouldBe(Street);
        line.GetProperty("answerable").GetProperty("name").GetString().ShouldBe("@凤凰北街街道");
        line.GetProperty("holder").GetProperty("id").GetString().ShouldBe(Street);
        line.GetProperty("level").GetInt32().ShouldBe(3);
        line.GetProperty("overdueHours").GetDouble().ShouldBe(48);
        (await street.GetAsync("/api/supervision/accountability")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_server_keeps_a_trigger_per_open_case_moves_it_on_an_extension_and_drops_it_on_closing()
    {
        var manager = await _app.ClientForAsync("wzyc");
        var street = await _app.ClientForAsync("street1");
        var district = await _app.ClientForAsync("xingqing");
        var scheduler = _app.Services.GetRequiredService<SlaClockScheduler>();
        var id = await ForwardedAsync(manager, 10);
        (await street.PostJsonAsync($"/api/cases/{id}/accept", new { })).EnsureSuccessStatusCode();

        async Task FiresInAboutAsync(double hours) => await BoundedWait.UntilAsync(
            async () => await scheduler.NextFireTimeAsync(id) is { } at && (at - DateTimeOffset.UtcNow.AddHours(hours)).Duration() < TimeSpan.FromMinutes(1),
            TimeSpan.FromSeconds(60), $"trigger in about {hours} h");

        await FiresInAboutAsync(8);
        (await street.PostJsonAsync($"/api/cases/{id}/extension-request", new { until = _start.AddHours(20), reason = "需协调供电部门" })).EnsureSuccessStatusCode();
        (await district.PostJsonAsync($"/api/cases/{id}/extension-decision", new { approve = true })).EnsureSuccessStatusCode();
        await FiresInAboutAsync(16);
        (await street.PostJsonAsync($"/api/cases/{id}/reply", new { text = "已更换灯泡。" })).EnsureSuccessStatusCode();
        (await street.PostJsonAsync($"/api/cases/{id}/close", new { })).EnsureSuccessStatusCode();

        await BoundedWait.UntilAsync(async () => await scheduler.NextFireTimeAsync(id) is null, TimeSpan.FromSeconds(60), "trigger dropped on closing");
        (await GetAsync(manager, $"/api/cases/{id}")).GetProperty("sla").GetProperty("state").GetString().ShouldBe("None");
    }

    [Fact]
    public async Task A_time_limit_in_working_days_is_saved_and_shown()
    {
        var manager = await _app.ClientForAsync("wzyc");

        var saved = await manager.PutAsync("/api/sla-templates/complex",
            JsonContent(new { name = "复杂诉求 15 个工作日", topic = "违章建筑", resolutionHours = 15 * 24, firstResponseHours = 8, workingDays = true }));

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var templates = await GetAsync(manager, "/api/sla-templates");
        templates.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "complex").GetProperty("workingDays").GetBoolean().ShouldBeTrue();
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, CityMatrixApp.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class SlaEndpointsTests_on_Sqlite() : SlaEndpointsTests(StorageKind.Sqlite);

public sealed class SlaEndpointsTests_on_PostgreSql() : SlaEndpointsTests(StorageKind.PostgreSql);
