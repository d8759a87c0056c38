using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Alerts.Storage;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>Regional alerts: CAP intake, storage, targeting, delivery, receipts, fan-out between servers.</summary>
    public static IServiceCollection AddRegionalAlerts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => RegionDirectory.Load());
        services.TryAddSingleton<RegionGeometry>();
        services.TryAddSingleton<AlertNode>();
        services.TryAddSingleton<PostgresFanOut>();
        services.TryAddSingleton<IAlertFanOut>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSql
            ? sp.GetRequiredService<PostgresFanOut>()
            : new InProcessFanOut());
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<AlertSenderAuthorization>();
        services.TryAddSingleton<ClientRegistry>();
        services.TryAddSingleton<ActiveAlertSet>();
        services.TryAddSingleton<IAlertPushChannel, NoPushChannel>();
        services.TryAddSingleton<ReceiptBroadcaster>();
        services.TryAddSingleton<ReceiptRecorder>();
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddSingleton<AlertSignalHandler>();
        services.TryAddSingleton<AlertService>();
        services.TryAddSingleton<AlertAreaPreview>();
        services.TryAddSingleton<PostgresAlertListener>();
        services.AddSingleton<IHostedService, AlertBootstrap>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ReceiptRecorder>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSql
            ? sp.GetRequiredService<PostgresAlertListener>()
            : new IdleHostedService());
        return services;
    }

    private sealed class IdleHostedService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
