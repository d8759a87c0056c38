using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Tests.Infrastructure;

/// <summary>
/// One silo (what a server process hosts) over a real database, started the way the server starts it.
/// Two of these on one database are two server processes as far as the data is concerned.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private SiloHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="alsoStart">Hosted services to run besides the storage initializer (e.g. Quartz and the SLA clocks); stopped on dispose.</param>
    public static async Task<SiloHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null, bool seed = true, Func<IHostedService, bool>? alsoStart = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection([new("Storage:SeedMatrix", seed.ToString())])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (time is not null) services.AddSingleton(time);
        services.AddCitySilo();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var host = new SiloHost(provider);
        // The storage initializer, and what the test asks for: the idle collector's timer is driven by hand in tests.
        foreach (var hosted in provider.GetServices<IHostedService>().Where(h => h is StorageInitializer || alsoStart?.Invoke(h) == true))
        {
            await hosted.StartAsync(CancellationToken.None);
            host._started.Add(hosted);
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--) await _started[i].StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}
