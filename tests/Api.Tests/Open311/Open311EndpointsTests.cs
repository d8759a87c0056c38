using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using CityMatrix.Api.Open311;
using CityMatrix.Api.Tests.Infrastructure;
using CityMatrix.Silo.Seed;

namespace CityMatrix.Api.Tests.Open311;

/// <summary>Open311 GeoReport v2 over HTTP, on SQLite and on PostgreSQL (subclasses below).</summary>
public abstract class Open311EndpointsTests(AppFixture fixture) : IAsyncLifetime
{
    private HttpClient _anonymous = null!;

    public Task InitializeAsync()
    {
        _anonymous = fixture.App.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _anonymous.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> TokenOfAsync(string user) =>
        (await fixture.As(user)).DefaultRequestHeaders.Authorization!.Parameter!;

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<JsonElement> ErrorsOfAsync(HttpResponseMessage response) => await response.JsonAsync();

    private async Task<string> CreateAsync(string description = "家里暖气一直不热，室温只有14度，老人受不了", string code = "heating")
    {
        var response = await _anonymous.PostAsync("/open311/v2/requests.json", Form(
            ("api_key", await TokenOfAsync("citizen1")), ("service_code", code), ("description", description),
            ("address_string", "兴庆区凤凰北街街道崇安社区")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.JsonAsync()).EnumerateArray().ShouldHaveSingleItem();
        return created.GetProperty("service_request_id").GetString()!;
    }

    [Fact]
    public async Task The_service_list_offers_every_topic_and_category_as_a_realtime_service_grouped_by_category()
    {
        var services = (await (await _anonymous.GetAsync("/open311/v2/services.json")).JsonAsync()).EnumerateArray().ToList();

        SeedVocabulary.Topics.ShouldBeSubsetOf(services.Select(s => s.GetProperty("service_name").GetString()!));
        services.Select(s => s.GetProperty("group").GetString()).Distinct().ShouldBe(SeedVocabulary.Categories, ignoreOrder: true);
        services.ShouldAllBe(s => s.GetProperty("type").GetString() == "realtime" && !s.GetProperty("metadata").GetBoolean());
        var heating = services.Single(s => s.GetProperty("service_code").GetString() == "heating");
        heating.GetProperty("service_name").GetString().ShouldBe("供暖");
        heating.GetProperty("group").GetString().ShouldBe("城乡建设");
        heating.GetProperty("keywords").GetString()!.ShouldContain("暖气");
    }

    [Fact]
    public async Task The_xml_format_is_the_specs_schemaless_document()
    {
        var response = await _anonymous.GetAsync("/open311/v2/services.xml");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        document.Root!.Name.LocalName.ShouldBe("services");
        document.Root.Elements("service").Count().ShouldBe(Open311Catalog.All.Count);
        document.Root.Elements("service").First().Element("metadata")!.Value.ShouldBe("false");
    }

    [Fact]
    public async Task A_service_definition_is_found_by_code_and_an_unknown_one_is_a_404_error_array()
    {
        var found = await (await _anonymous.GetAsync("/open311/v2/services/noise.json")).JsonAsync();
        var missing = await _anonymous.GetAsync("/open311/v2/services/teleport.json");

        found.GetProperty("service_code").GetString().ShouldBe("noise");
        found.GetProperty("attributes").GetArrayLength().ShouldBe(0);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var error = (await ErrorsOfAsync(missing)).EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("code").GetInt32().ShouldBe(404);
        error.GetProperty("description").GetString()!.ShouldStartWith("service_code:");
    }

    [Fact]
    public async Task A_citizens_request_becomes_a_case_that_anyone_can_follow_without_seeing_who_raised_it()
    {
        var id = await CreateAsync();

        var response = await _anonymous.GetAsync($"/open311/v2/requests/{id}.json");
        var raw = await response.Content.ReadAsStringAsync();
        var request = (await response.JsonAsync()).EnumerateArray().ShouldHaveSingleItem();

        request.GetProperty("service_request_id").GetString().ShouldBe(id);
        request.GetProperty("status").GetString().ShouldBe("open");
        request.GetProperty("service_code").GetString().ShouldBe("heating");
        request.GetProperty("service_name").GetString().ShouldBe("供暖");
        request.GetProperty("description").GetString()!.ShouldContain("暖气一直不热");
        request.GetProperty("agency_responsible").GetString().ShouldNotBeNullOrEmpty();
        request.GetProperty("requested_datetime").GetString()!.ShouldEndWith("+08:00");
        request.GetProperty("address").GetString()!.ShouldContain("兴庆区");
        request.GetProperty("media_url").ValueKind.ShouldBe(JsonValueKind.Null);
        raw.ShouldNotContain("citizen1");
        var byList = (await (await _anonymous.GetAsync($"/open311/v2/requests.json?service_request_id={id},YC-NOT-THERE")).JsonAsync()).EnumerateArray().ToList();
        byList.Select(r => r.GetProperty("service_request_id").GetString()).ShouldBe([id]);
        var token = (await (await _anonymous.GetAsync($"/open311/v2/tokens/{id}.json")).JsonAsync()).EnumerateArray().Single();
        token.GetProperty("service_request_id").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task The_chosen_service_wins_over_the_classifiers_guess()
    {
        var id = await CreateAsync("小区门口烧烤摊每天半夜还在营业，又吵又有油烟", code: "street-vending");

        var request = (await (await _anonymous.GetAsync($"/open311/v2/requests/{id}.json")).JsonAsync()).EnumerateArray().Single();

        request.GetProperty("service_code").GetString().ShouldBe("street-vending");
    }

    [Fact]
    public async Task Requests_are_filtered_by_service_status_and_date()
    {
        var id = await CreateAsync(code: "heating");
        var today = DateTimeOffset.UtcNow;

        async Task<List<string?>> IdsAsync(string query) =>
            (await (await _anonymous.GetAsync("/open311/v2/requests.json?" + query)).JsonAsync()).EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()).ToList();

        (await IdsAsync("service_code=heating,noise&status=open")).ShouldContain(id);
        (await IdsAsync("service_code=noise")).ShouldNotContain(id);
        (await IdsAsync("status=closed")).ShouldNotContain(id);
        (await IdsAsync($"start_date={Uri.EscapeDataString(today.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:sszzz"))}")).ShouldContain(id);
        (await IdsAsync($"end_date={Uri.EscapeDataString(today.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:sszzz"))}")).ShouldNotContain(id);
        var xml = XDocument.Parse(await (await _anonymous.GetAsync($"/open311/v2/requests/{id}.xml")).Content.ReadAsStringAsync());
        xml.Root!.Name.LocalName.ShouldBe("service_requests");
        xml.Root.Element("request")!.Element("service_request_id")!.Value.ShouldBe(id);
    }

    [Theory]
    [InlineData("status=pending", "status")]
    [InlineData("start_date=2026-11-01", "start_date")]
    [InlineData("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "end_date")]
    [InlineData("start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z", "start_date")]
    [InlineData("service_code=teleport", "service_code")]
    public async Task A_bad_query_is_a_400_error_array_naming_the_parameter(string query, string field)
    {
        var response = await _anonymous.GetAsync("/open311/v2/requests.json?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).EnumerateArray().ShouldContain(e => e.GetProperty("description").GetString()!.StartsWith(field + ":"));
    }

    [Fact]
    public async Task Posting_without_a_valid_api_key_is_a_403_error_array()
    {
        var none = await _anonymous.PostAsync("/open311/v2/requests.json", Form(("service_code", "heating"), ("description", "暖气不热"), ("lat", "38.48"), ("long", "106.23")));
        var forged = await _anonymous.PostAsync("/open311/v2/requests.json", Form(("api_key", "forged-token"), ("service_code", "heating"), ("description", "暖气不热"), ("lat", "38.48"), ("long", "106.23")));
        var officer = await _anonymous.PostAsync("/open311/v2/requests.json", Form(("api_key", await TokenOfAsync("street1")), ("service_code", "heating"), ("description", "暖气不热"), ("lat", "38.48"), ("long", "106.23")));

        foreach (var response in new[] { none, forged, officer })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await ErrorsOfAsync(response)).EnumerateArray().Single().GetProperty("description").GetString()!.ShouldStartWith("api_key:");
        }
    }

    [Fact]
    public async Task A_bad_request_names_every_missing_field_and_an_unknown_service_is_404()
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenOfAsync("weibo-connector"));

        var missing = await client.PostAsync("/open311/v2/requests.json", Form(("service_code", "heating")));
        var badLat = await client.PostAsync("/open311/v2/requests.json", Form(("service_code", "heating"), ("description", "暖气不热"), ("lat", "north"), ("long", "106.2")));
        var unknown = await client.PostAsync("/open311/v2/requests.json", Form(("service_code", "teleport"), ("description", "x"), ("lat", "38.4"), ("long", "106.2")));

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(missing)).EnumerateArray().Select(e => e.GetProperty("description").GetString()!.Split(':')[0]).ShouldBe(["description", "address_string"], ignoreOrder: true);
        badLat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(badLat)).EnumerateArray().Single().GetProperty("description").GetString()!.ShouldStartWith("lat:");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_connector_posts_for_the_person_it_names_and_the_same_idempotency_key_gives_the_same_request()
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenOfAsync("weibo-connector"));
        client.DefaultRequestHeaders.Add("Idempotency-Key", "connector-req-" + Guid.NewGuid().ToString("N"));
        var form = () => Form(("service_code", "noise"), ("description", "西夏区怀远路街道工地夜里两点还在施工，吵得睡不着"),
            ("lat", "38.4950"), ("long", "106.1320"), ("account_id", "wx-user-77"));

        var first = (await (await client.PostAsync("/open311/v2/requests.json", form())).JsonAsync()).EnumerateArray().Single();
        var again = (await (await client.PostAsync("/open311/v2/requests.json", form())).JsonAsync()).EnumerateArray().Single();

        first.GetProperty("account_id").GetString().ShouldBe("wx-user-77");
        again.GetProperty("service_request_id").GetString().ShouldBe(first.GetProperty("service_request_id").GetString());
        var request = (await (await _anonymous.GetAsync($"/open311/v2/requests/{first.GetProperty("service_request_id").GetString()}.json")).JsonAsync()).EnumerateArray().Single();
        request.GetProperty("lat").GetDouble().ShouldBe(38.495);
        request.GetProperty("long").GetDouble().ShouldBe(106.132);
    }
}

public sealed class Open311EndpointsTests_on_Sqlite(SqliteApp fixture) : Open311EndpointsTests(fixture), IClassFixture<SqliteApp>;

public sealed class Open311EndpointsTests_on_PostgreSql(PostgresApp fixture) : Open311EndpointsTests(fixture), IClassFixture<PostgresApp>;
