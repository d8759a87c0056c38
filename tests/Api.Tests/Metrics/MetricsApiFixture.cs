using System.Net;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Metrics;

/// <summary>
/// One server with a known handful of cases for 凤凰北街 (street-640104001) and one for 新华街 in another
/// district: three forwarded to the street, two handled and closed, one of those rated; one left unsigned.
/// </summary>
public sealed class MetricsApiFixture : IAsyncLifetime
{
    public const string Street = "street-640104001";
    public const string OtherStreet = "street-640105001";

    private readonly SqliteApp _app = new();

    public CityMatrixApp App => _app.App;

    /// <summary>The city day (UTC+8) the cases were received on.</summary>
    public DateOnly Day { get; private set; }

    public Task<HttpClient> As(string user) => _app.As(user);

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        var first = await OpenAsync(Street, "citizen1");
        Day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.AddHours(8).UtcDateTime);
        var second = await OpenAsync(Street, "citizen2");
        await OpenAsync(Street, "citizen1");
        await OpenAsync(OtherStreet, "citizen2");
        var street = await As("street1");
        foreach (var id in new[] { first, second })
        {
            (await street.PostJsonAsync($"/api/cases/{id}/accept", new { })).EnsureSuccessStatusCode();
            (await street.PostJsonAsync($"/api/cases/{id}/reply", new { text = "已修复" })).EnsureSuccessStatusCode();
            (await street.PostJsonAsync($"/api/cases/{id}/close", new { note = "办结" })).EnsureSuccessStatusCode();
        }
        var citizen = await As("citizen1");
        (await citizen.PostJsonAsync($"/api/cases/{first}/rate", new { solved = true, satisfied = true })).EnsureSuccessStatusCode();
    }

    private async Task<string> OpenAsync(string to, string citizen)
    {
        var wzyc = await As("wzyc");
        var opened = await wzyc.PostJsonAsync("/api/cases", new { citizenId = citizen, text = "路灯不亮", category = "城乡建设", topic = "路灯", regionCode = "640104001002" });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await opened.JsonAsync()).GetProperty("id").GetString()!;
        (await wzyc.PostJsonAsync($"/api/cases/{id}/forward", new { toAccountId = to, deadline = DateTimeOffset.UtcNow.AddDays(2) })).EnsureSuccessStatusCode();
        return id;
    }

    public Task DisposeAsync() => _app.DisposeAsync();
}
