using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Api.Tests.Infrastructure;

/// <summary>The real server in the test host, over a fresh real database of the given kind.</summary>
public sealed class CityMatrixApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _directory;
    private readonly string? _connectionString;
    private TimeProvider? _time;

    private CityMatrixApp(Dictionary<string, string?> settings, string? directory, string? connectionString)
    {
        _settings = settings;
        _directory = directory;
        _connectionString = connectionString;
    }

    /// <param name="time">A clock the test moves (replaces the server's TimeProvider).</param>
    /// <param name="settings">Configuration on top of the storage settings.</param>
    public static async Task<CityMatrixApp> StartAsync(StorageKind kind = StorageKind.Sqlite, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        CityMatrixApp app;
        if (kind == StorageKind.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "citymatrix-api-tests", Guid.NewGuid().ToString("N"));
            app = new CityMatrixApp(new()
            {
                ["Storage:DataDirectory"] = directory,
                ["Storage:SqliteSynchronous"] = "NORMAL",
            }, directory, null);
        }
        else
        {
            var connectionString = await TestPostgres.CreateDatabaseAsync();
            app = new CityMatrixApp(new()
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = connectionString,
            }, null, connectionString);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) app._settings[key] = value;
        app._time = time;
        using var client = app.CreateClient();
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        return app;
    }

    public const string DemoPassword = "cm-demo-2026";
    public const string AdminPassword = "cm-admin-2026";

    /// <summary>A client signed in as one of the demo users (README), carrying its bearer token.</summary>
    public async Task<HttpClient> ClientForAsync(string user)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password = user == "admin" ? AdminPassword : DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:DemoUsers", "true");
        if (_time is { } time) builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(time)));
    }

    public override async ValueTask DisposeAsync()
    {
        await Teardown.QuietlyAsync("stopping the test server", async () => await base.DisposeAsync());
        if (_connectionString is not null) await Teardown.QuietlyAsync("dropping the test database", () => TestPostgres.DropDatabaseAsync(_connectionString));
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}

public static class HttpJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(CityMatrixApp.Json);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, CityMatrixApp.Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
}
