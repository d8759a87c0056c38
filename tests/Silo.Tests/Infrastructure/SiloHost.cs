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
    private SiloHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<SiloHost> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null, bool seed = true)
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
        // Only the storage initializer: the idle collector's timer is driven by hand in tests.
        foreach (var hosted in provider.GetServices<IHostedService>().OfType<StorageInitializer>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        return new SiloHost(provider);
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
