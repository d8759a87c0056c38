using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Live events (issue 5): case events numbered in commit order and relayed to this process's dashboards,
    /// the cluster publisher for everything else, and (PostgreSQL) the fan-out between processes.
    /// </summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AlertNode>();
        services.TryAddSingleton<LocalLiveEventPublisher>();
        services.TryAddSingleton<LiveTimeline>();
        services.TryAddSingleton<LiveSnapshots>();
        services.TryAddSingleton<LiveCaseRelay>();
        services.TryAddSingleton<LiveSequencer>();
        services.TryAddSingleton<PostgresLiveFanOut>();
        services.TryAddSingleton<PostgresLiveListener>();
        services.TryAddSingleton<ILiveFanOut>(sp => IsPostgres(sp) ? sp.GetRequiredService<PostgresLiveFanOut>() : new InProcessLiveFanOut());
        services.Replace(ServiceDescriptor.Singleton<ILiveEventPublisher, ClusterLiveEventPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseCommitObserver, LiveCaseObserver>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveCaseRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveSequencer>());
        services.AddSingleton<IHostedService>(sp => IsPostgres(sp) ? sp.GetRequiredService<PostgresLiveListener>() : new IdleHostedService());
        services.AddSingleton<IHostedService>(sp => IsPostgres(sp) ? sp.GetRequiredService<PostgresLiveFanOut>() : new IdleHostedService());
        return services;
    }

    private static bool IsPostgres(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSql;

    private sealed class IdleHostedService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
