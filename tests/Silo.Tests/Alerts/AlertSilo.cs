using System.Security.Claims;
using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Tests.Alerts;

/// <summary>A silo with regional alerts over a real database, its pushes recorded, started like the server.</summary>
public sealed class AlertSilo : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private AlertSilo(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public RecordingPushChannel Pushes => (RecordingPushChannel)Services.GetRequiredService<IAlertPushChannel>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts storage, alert bootstrap, and (when <paramref name="background"/>) the receipt writer and PostgreSQL listener.</summary>
    public static async Task<AlertSilo> StartAsync(TestDatabase database, TimeProvider? time = null, bool background = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IAlertPushChannel, RecordingPushChannel>();
        if (time is not null) services.AddSingleton(time);
        services.AddCitySilo();
        var silo = new AlertSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        foreach (var hosted in silo.Services.GetServices<IHostedService>())
        {
            var wanted = hosted is StorageInitializer or AlertBootstrap || (background && hosted is ReceiptRecorder or Silo.Alerts.FanOut.PostgresAlertListener);
            if (!wanted) continue;
            await hosted.StartAsync(CancellationToken.None);
            silo._started.Add(hosted);
        }
        if (background && database.Kind == StorageKind.PostgreSql)
            await silo.Get<Silo.Alerts.FanOut.PostgresAlertListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        return silo;
    }

    public static ClaimsPrincipal User(string userId, string[] roles, params string[] accounts) =>
        new(new ClaimsIdentity(
            new[] { new Claim(ClaimTypes.NameIdentifier, userId) }
                .Concat(roles.Select(r => new Claim(ClaimTypes.Role, r)))
                .Concat(accounts.Select(a => new Claim("cm:account", a))),
            authenticationType: "test"));

    public static ClaimsPrincipal Broadcaster(params string[] accounts) => User("u-" + string.Join("-", accounts), ["broadcaster"], accounts);

    public ConnectedClient Connect(string id, double lat, double lon, bool test = false, string? userId = null)
    {
        var client = new ConnectedClient(id, userId, test, new HashSet<string>());
        Get<ClientRegistry>().Add(client);
        Get<ClientRegistry>().MoveTo(client, lat, lon);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(_started)) await hosted.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}
