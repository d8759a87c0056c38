using System.Net;
using CityMatrix.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Security;

/// <summary>Access rules checked against every endpoint the server maps, not a hand-picked few.</summary>
public sealed class AccessTests(SqliteApp fixture) : IAsyncLifetime, IClassFixture<SqliteApp>
{
    private static readonly HashSet<string> Public =
    [
        "GET /health", "POST /api/auth/login", "GET /api/accounts/", "GET /api/accounts/{id}", "GET /api/accounts/{id}/children",
        "GET /openapi/{documentName}.json",
        // Outbound (the citizen-facing feed, Open311; its POST checks its own api_key and answers the spec's 403).
        "GET /api/feed", "GET /open311/v2/services.{format}", "GET /open311/v2/services/{code}.{format}", "GET /open311/v2/requests.{format}",
        "GET /open311/v2/requests/{id}.{format}", "GET /open311/v2/tokens/{token}.{format}", "POST /open311/v2/requests.{format}",
        "GET /api/alerts/",
        // Dashboards (issue 7): the page shells (their data needs sign-in) and the city's public geography.
        "GET /", "GET /workbench/{**path}", "GET /console/{**path}", "GET /citizen/{**path}", "GET /screen/{**path}",
        "GET /api/regions", "GET /api/geo/regions",
    ];

    /// <summary>
    /// Regional alerts (issue 6): a public alert is readable by anyone (404 for an unknown identifier), and
    /// the hub takes anonymous citizens too (an emergency alert is for everyone in the area).
    /// </summary>
    private static readonly HashSet<string> OpenToAnonymous =
    [
        "GET /api/alerts/{identifier}",
        "POST /hubs/alerts/negotiate", "GET /hubs/alerts/negotiate", "GET /hubs/alerts", "POST /hubs/alerts", "DELETE /hubs/alerts",
    ];

    private CityMatrixApp _app = null!;
    private HttpClient _manager = null!;

    public async Task InitializeAsync()
    {
        _app = fixture.App;
        _manager = await fixture.As("wzyc");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IReadOnlyList<(string Method, string Route)> Endpoints() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .ToList();

    private async Task<string> OpenCaseHeldByManagerAsync()
    {
        var opened = await _manager.PostJsonAsync("/api/cases", new { citizenId = "citizen1", text = "路灯不亮", category = "城乡建设" });
        return (await opened.JsonAsync()).GetProperty("id").GetString()!;
    }

    private static HttpRequestMessage RequestFor(string method, string route, string caseId) =>
        new(new HttpMethod(method), route.Replace("{id}", route.StartsWith("/api/cases") ? caseId : "street-640104001"))
        {
            Content = method is "GET" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };

    [Fact]
    public async Task Every_endpoint_but_the_public_ones_answers_401_to_an_anonymous_caller()
    {
        var caseId = await OpenCaseHeldByManagerAsync();
        using var anonymous = _app.CreateClient();
        var endpoints = Endpoints().Where(e => !Public.Contains($"{e.Method} {e.Route}") && !OpenToAnonymous.Contains($"{e.Method} {e.Route}")).ToList();

        endpoints.Count.ShouldBeGreaterThan(15);
        foreach (var (method, route) in endpoints)
        {
            var response = await anonymous.SendAsync(RequestFor(method, route, caseId));
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {route}");
        }
    }

    /// <summary>Issue 5, surges and reports: a concrete request for each route (GET: a day without a report; POST regenerates another past day).</summary>
    private static string SupervisionUrl(string method, string route) => route.Replace("{file}", method == "GET" ? "2020-01-01.json" : "2020-01-02");

    [Fact]
    public async Task Surges_and_hotspots_are_for_supervisors_and_admins_and_reports_for_the_city_overseers_only()
    {
        var endpoints = Endpoints().Where(e => e.Route.StartsWith("/api/surges") || e.Route.StartsWith("/api/hotspots") || e.Route.StartsWith("/api/reports")).ToList();
        endpoints.Count.ShouldBe(6);
        // Aggregate counts for every supervisor; the reports list cases of every unit: admin, @问政银川 and @银川纪委 only.
        var allowed = new Dictionary<string, Func<string, bool>>
        {
            ["admin"] = _ => true, ["wzyc"] = _ => true, ["jiwei"] = _ => true,
            ["xingqing"] = route => !route.StartsWith("/api/reports"), ["zhujian"] = route => !route.StartsWith("/api/reports"),
            ["heating1"] = _ => false, ["street1"] = _ => false, ["citizen1"] = _ => false, ["weibo-connector"] = _ => false, ["broadcaster"] = _ => false,
        };
        foreach (var (user, mayUse) in allowed)
        {
            var client = await fixture.As(user);
            foreach (var (method, route) in endpoints)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), SupervisionUrl(method, route)));
                var expected = !mayUse(route) ? HttpStatusCode.Forbidden
                    : method == "GET" && route.Contains("{file}") ? HttpStatusCode.NotFound // no report stored for that day
                    : HttpStatusCode.OK;
                response.StatusCode.ShouldBe(expected, $"{user}: {method} {route}");
            }
        }
    }

    [Fact]
    public async Task Public_endpoints_answer_without_sign_in()
    {
        using var anonymous = _app.CreateClient();
        // Open311 routes need real codes and ids: tests/Api.Tests/Open311 reads each of them anonymously.
        foreach (var endpoint in Public.Where(p => p.StartsWith("GET ") && !p.Contains("/open311/")))
        {
            var route = endpoint[4..].Replace("{id}", "wzyc").Replace("{documentName}", "v1").Replace("/{**path}", "");
            (await anonymous.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.OK, route);
        }
    }

    [Fact]
    public async Task An_officer_can_neither_read_nor_change_a_case_outside_his_accounts_on_any_case_endpoint()
    {
        var caseId = await OpenCaseHeldByManagerAsync();
        var before = await (await _manager.GetAsync($"/api/cases/{caseId}")).Content.ReadAsStringAsync();
        var outsider = await fixture.As("heating1");
        var caseEndpoints = Endpoints().Where(e => e.Route.StartsWith("/api/cases/{id}")).ToList();

        caseEndpoints.Count.ShouldBeGreaterThanOrEqualTo(13);
        foreach (var (method, route) in caseEndpoints)
        {
            var response = await outsider.SendAsync(RequestFor(method, route, caseId));
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {route}");
        }
        (await (await _manager.GetAsync($"/api/cases/{caseId}")).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_citizen_sees_his_own_case_and_not_another_citizens()
    {
        var caseId = await OpenCaseHeldByManagerAsync();
        var owner = await fixture.As("citizen1");
        var stranger = await fixture.As("citizen2");

        (await owner.GetAsync($"/api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stranger.GetAsync($"/api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.PostJsonAsync($"/api/cases/{caseId}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_supervisor_reads_cases_held_below_his_account_but_not_elsewhere()
    {
        var caseId = await OpenCaseHeldByManagerAsync();
        await _manager.PostJsonAsync($"/api/cases/{caseId}/forward", new { toAccountId = "street-640104001", deadline = DateTimeOffset.UtcNow.AddDays(1) });
        var other = await OpenCaseHeldByManagerAsync();
        await _manager.PostJsonAsync($"/api/cases/{other}/forward", new { toAccountId = "street-640105001", deadline = DateTimeOffset.UtcNow.AddDays(1) });
        var district = await fixture.As("xingqing");

        (await district.GetAsync($"/api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await district.GetAsync($"/api/cases/{other}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_问责_list_is_for_the_super_supervisors_the_manager_and_admins_only()
    {
        foreach (var allowed in new[] { "jiwei", "wzyc", "admin" })
        {
            (await (await fixture.As(allowed)).GetAsync("/api/supervision/accountability")).StatusCode.ShouldBe(HttpStatusCode.OK, allowed);
        }
        foreach (var refused in new[] { "xingqing", "street1", "heating1", "citizen1" })
        {
            (await (await fixture.As(refused)).GetAsync("/api/supervision/accountability")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, refused);
        }
    }

    [Fact]
    public async Task Acting_for_an_account_one_does_not_work_for_is_refused()
    {
        var caseId = await OpenCaseHeldByManagerAsync();

        var response = await _manager.PostJsonAsync($"/api/cases/{caseId}/forward",
            new { actingAccountId = "jiwei", toAccountId = "street-640104001", deadline = DateTimeOffset.UtcNow.AddDays(1) });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("actingAccountId", out _).ShouldBeTrue();
    }

    /// <summary>Every rates-and-rankings endpoint (issue 5); a new one must be added here to be checked below.</summary>
    private static readonly HashSet<string> MetricsEndpoints =
    [
        "GET /api/metrics/accounts/{accountId}", "GET /api/metrics/accounts/{accountId}/export.csv", "GET /api/metrics/tiles",
        "GET /api/metrics/trend", "GET /api/metrics/breakdown", "GET /api/rankings/", "GET /api/rankings/export.csv",
    ];

    private static string MetricsUrl(string route, string accountId) =>
        route.Replace("{accountId}", accountId) + $"?accountId={accountId}&kind=street&by=district";

    [Fact]
    public async Task Metrics_are_for_staff_of_the_accounts_concerned_and_never_for_citizens()
    {
        var routes = Endpoints().Select(e => $"{e.Method} {e.Route}").Where(e => e.StartsWith("GET /api/metrics") || e.StartsWith("GET /api/rankings")).ToList();
        routes.ShouldBe(MetricsEndpoints, ignoreOrder: true);
        var citizen = await fixture.As("citizen1");
        var broadcaster = await fixture.As("broadcaster");
        var officer = await fixture.As("street1");             // street-640104001
        var district = await fixture.As("xingqing");           // district-640104, supervisor
        var admin = await fixture.As("admin");
        const string inDistrict = "street-640104001", elsewhere = "street-640105001";

        foreach (var endpoint in MetricsEndpoints)
        {
            var route = endpoint[4..];
            (await citizen.GetAsync(MetricsUrl(route, inDistrict))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
            (await broadcaster.GetAsync(MetricsUrl(route, inDistrict))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
            (await admin.GetAsync(MetricsUrl(route, elsewhere))).StatusCode.ShouldBe(HttpStatusCode.OK, endpoint);
            (await district.GetAsync(MetricsUrl(route, inDistrict))).StatusCode.ShouldBe(HttpStatusCode.OK, endpoint);
            (await officer.GetAsync(MetricsUrl(route, inDistrict))).StatusCode.ShouldBe(HttpStatusCode.OK, endpoint);
            if (route.StartsWith("/api/rankings")) continue; // no account to name: the rows are filtered instead (below)
            (await district.GetAsync(MetricsUrl(route, elsewhere))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
            (await officer.GetAsync(MetricsUrl(route, elsewhere))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
            (await officer.GetAsync(MetricsUrl(route, "district-640104"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
        }

        // An officer sees his own account's figures, not rolled up; rankings show him his own row, a district supervisor his streets.
        (await officer.GetAsync($"/api/metrics/accounts/{inDistrict}?subtree=true")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        async Task<List<string>> RankedAsync(HttpClient client) => (await (await client.GetAsync("/api/rankings?kind=street")).JsonAsync())
            .GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("accountId").GetString()!).ToList();
        (await RankedAsync(officer)).ShouldBe([inDistrict]);
        var districtRows = await RankedAsync(district);
        districtRows.ShouldContain(inDistrict);
        districtRows.ShouldNotContain(elsewhere);
        (await RankedAsync(admin)).Count.ShouldBe(62);
    }

    [Fact]
    public async Task Wrong_password_is_a_401_and_a_signed_in_user_sees_his_roles_and_accounts()
    {
        using var anonymous = _app.CreateClient();
        (await anonymous.PostJsonAsync("/api/auth/login", new { username = "wzyc", password = "wrong-password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var me = await (await _manager.GetAsync("/api/auth/me")).JsonAsync();

        me.GetProperty("id").GetString().ShouldBe("wzyc");
        me.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()).ShouldBe(["wzyc"]);
        me.GetProperty("roles").EnumerateArray().Select(a => a.GetString()).ShouldContain("supervisor");
    }

    /// <summary>Live dashboards (issue 5): /hubs/dashboard is for administrators, supervisors and officers (anonymous: the 401 test above).</summary>
    [Fact]
    public async Task The_dashboard_hub_admits_administrators_supervisors_and_officers_only()
    {
        Endpoints().ShouldContain(("GET", "/hubs/dashboard")); // so the anonymous 401 test above covers it
        foreach (var (user, expected) in new[]
        {
            ("admin", HttpStatusCode.OK), ("xingqing", HttpStatusCode.OK), ("street1", HttpStatusCode.OK),
            ("citizen1", HttpStatusCode.Forbidden), ("broadcaster", HttpStatusCode.Forbidden), ("weibo-connector", HttpStatusCode.Forbidden),
        })
        {
            var client = await fixture.As(user);
            (await client.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode.ShouldBe(expected, user);
        }
    }

    [Fact]
    public async Task Only_an_admin_creates_users_and_a_new_user_can_sign_in()
    {
        var admin = await fixture.As("admin");
        var body = new { id = "officer-new", displayName = "新办事员", password = "long-enough-1", roles = new[] { "officer" }, accountIds = new[] { "street-640104001" } };

        (await _manager.PostJsonAsync("/api/users", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostJsonAsync("/api/users", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostJsonAsync("/api/users", body with { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var weak = await admin.PostJsonAsync("/api/users", new { id = "x2", password = "short", roles = new[] { "officer" }, accountIds = new[] { "wzyc" } });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.JsonAsync()).GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();

        using var anonymous = _app.CreateClient();
        (await anonymous.PostJsonAsync("/api/auth/login", new { username = "officer-new", password = "long-enough-1" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
