using System.Net.Http.Json;
using System.Text.Json;
using CityMatrix.Silo.Alerts.FanOut;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityMatrix.Api.Tests.Infrastructure;

/// <summary>One server process of several on the same PostgreSQL database (the database belongs to the test).</summary>
public sealed class SharedDatabaseHost(string connectionString) : WebApplicationFactory<Program>
{
    public static async Task<SharedDatabaseHost> StartAsync(string connectionString)
    {
        var host = new SharedDatabaseHost(connectionString);
        using var client = host.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        await host.Services.GetRequiredService<PostgresAlertListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        await host.Services.GetRequiredService<Silo.Live.PostgresLiveListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "PostgreSql");
        builder.UseSetting("Storage:ConnectionString", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:DemoUsers", "true");
    }

    public async Task<(HttpClient Client, string Token)> SignInAsync(string user)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password = "cm-demo-2026" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }
}
