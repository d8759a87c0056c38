using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Accounts;

/// <summary>The matrix over HTTP, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class AccountEndpointsTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _client = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _client = fixture.App.CreateClient();
        _admin = await fixture.As("admin");
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Health_answers_ready_and_the_seeded_matrix_is_readable()
    {
        var health = await _client.GetAsync("/health");
        var accounts = (await (await _client.GetAsync("/api/accounts")).JsonAsync()).EnumerateArray().ToList();

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        accounts.Count.ShouldBeGreaterThanOrEqualTo(400);
        accounts.ShouldContain(a => a.GetProperty("displayName").GetString() == "@问政银川" && a.GetProperty("kind").GetString() == "Manager");
        accounts.Count(a => a.GetProperty("kind").GetString() == "SuperSupervisor").ShouldBe(2);
        accounts.Count(a => a.GetProperty("kind").GetString() == "DistrictGovernment").ShouldBe(6);
        accounts.Count(a => a.GetProperty("kind").GetString() == "Street").ShouldBe(62);
        accounts.Count(a => a.GetProperty("kind").GetString() == "CityBureau").ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task Accounts_filter_by_kind_and_parent()
    {
        var streets = (await (await _client.GetAsync("/api/accounts?kind=Street&parentId=district-640104")).JsonAsync()).EnumerateArray().ToList();

        streets.ShouldNotBeEmpty();
        streets.ShouldAllBe(s => s.GetProperty("parentId").GetString() == "district-640104");
        (await _client.GetAsync("/api/accounts/nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await _client.GetAsync("/api/accounts/district-640104/children")).JsonAsync()).GetArrayLength().ShouldBe(streets.Count + 7);
    }

    [Fact]
    public async Task An_account_is_added_renamed_moved_and_deactivated_over_http()
    {
        var added = await _admin.PostJsonAsync("/api/accounts", new
        {
            id = "community-test-1", displayName = "@测试社区", kind = "Community", parentId = "street-640104001",
            jurisdiction = new[] { "640104001" }, competence = new[] { "城乡建设", "供暖" },
        });
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        added.Headers.Location!.ToString().ShouldBe("/api/accounts/community-test-1");

        var renamed = await _admin.PutAsJsonAsync("/api/accounts/community-test-1/display-name", new { displayName = "@幸福里社区" });
        var moved = await _admin.PutAsJsonAsync("/api/accounts/community-test-1/parent", new { parentId = "street-640104002" });
        var deactivated = await _admin.PostAsync("/api/accounts/community-test-1/deactivate", null);

        (await renamed.JsonAsync()).GetProperty("displayName").GetString().ShouldBe("@幸福里社区");
        (await moved.JsonAsync()).GetProperty("parentId").GetString().ShouldBe("street-640104002");
        var result = await deactivated.JsonAsync();
        result.GetProperty("account").GetProperty("active").GetBoolean().ShouldBeFalse();
        result.GetProperty("reassignedCaseIds").GetArrayLength().ShouldBe(0);
        var stored = await (await _client.GetAsync("/api/accounts/community-test-1")).JsonAsync();
        stored.GetProperty("displayName").GetString().ShouldBe("@幸福里社区");
        stored.GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    public static TheoryData<string, string> BadNewAccounts() => new()
    {
        { """{"displayName":"@x","kind":"Community","parentId":"street-640104001"}""", "id" },
        { """{"id":"Bad Id!","displayName":"@x","kind":"Community","parentId":"street-640104001"}""", "id" },
        { """{"id":"c-x","kind":"Community","parentId":"street-640104001"}""", "displayName" },
        { """{"id":"c-x","displayName":"@x","parentId":"street-640104001"}""", "kind" },
        { """{"id":"c-x","displayName":"@x","kind":"Planet","parentId":"street-640104001"}""", "kind" },
        { """{"id":"c-x","displayName":"@x","kind":"Community","parentId":"nobody"}""", "parentId" },
        { """{"id":"c-x","displayName":"@x","kind":"Community","parentId":"street-640104001","competence":["踢足球"]}""", "competence" },
        { """{"id":"c-x","displayName":"@x","kind":"BureauBranch","parentId":"district-640104","bureauId":"street-640104001"}""", "bureauId" },
        { """{"id":"c-x","displayName":"@x","kind":"Community","parentId":"street-640104001","jurisdiction":"640104"}""", "jurisdiction" },
    };

    [Theory]
    [MemberData(nameof(BadNewAccounts))]
    public async Task A_bad_new_account_gets_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var response = await _admin.PostRawAsync("/api/accounts", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        (await _client.GetAsync("/api/accounts/c-x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Moving_an_account_under_its_own_subtree_is_refused()
    {
        var response = await _admin.PutAsJsonAsync("/api/accounts/district-640104/parent", new { parentId = "community-640104001002" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("parentId").ToString().ShouldContain("cycle");
    }

    [Fact]
    public async Task The_manager_account_cannot_be_deactivated()
    {
        var response = await _admin.PostAsync("/api/accounts/wzyc/deactivate", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await _client.GetAsync("/api/accounts/wzyc")).JsonAsync()).GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_accounts_answer_404_to_every_change()
    {
        (await _admin.PutAsJsonAsync("/api/accounts/nobody/display-name", new { displayName = "@x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.PutAsJsonAsync("/api/accounts/nobody/parent", new { parentId = "wzyc" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.PostAsync("/api/accounts/nobody/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changing_the_matrix_needs_an_administrator()
    {
        var officer = await fixture.As("wzyc");

        (await _client.PostAsync("/api/accounts/street-640104001/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await officer.PostAsync("/api/accounts/street-640104001/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.PutAsJsonAsync("/api/accounts/street-640104001/display-name", new { displayName = "@x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _client.GetAsync("/api/accounts/street-640104001")).JsonAsync()).GetProperty("active").GetBoolean().ShouldBeTrue();
    }
}

public sealed class AccountEndpointsTests_on_Sqlite(SqliteApp app) : AccountEndpointsTests(app), IClassFixture<SqliteApp>;

public sealed class AccountEndpointsTests_on_PostgreSql(PostgresApp app) : AccountEndpointsTests(app), IClassFixture<PostgresApp>;
