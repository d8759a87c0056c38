using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityMatrix.Silo.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The application's one named Quartz scheduler, shared by the SLA clocks and the daily report: its parts are
    /// keyed under this name, so it neither takes nor replaces the container's unkeyed services (TimeProvider above
    /// all) nor collides with another scheduler. It is also the scheduler name every node of the cluster shares,
    /// stored in every qrtz_* row (sched_name): the value stays "citymatrix-sla", the name it had when only the
    /// SLA clocks used it, because renaming it would orphan the jobs and triggers that existing databases keep
    /// under it (a new name would need a migration of those rows, and every node of a cluster stopped for it).
    /// </summary>
    public const string SchedulerName = "citymatrix-sla";

    /// <summary>
    /// Quartz with its persistent store in the cases' database (clustered on PostgreSQL), started and stopped with
    /// the host; resolve it as the keyed <see cref="IScheduler"/> <see cref="SchedulerName"/>. Registered once:
    /// later calls do nothing, so each feature that schedules calls it, and the first call places the hosted
    /// service that starts the scheduler (after the storage initializer, before the features' own workers).
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SchedulingMarker))) return services;
        services.AddSingleton<SchedulingMarker>();
        services.AddQuartz(SchedulerName, quartz =>
        {
            // Quartz would otherwise take the container's TimeProvider (a test's manual clock): it fires on the wall clock.
            quartz.UseTimeProvider(TimeProvider.System);
            quartz.UseDefaultThreadPool(4);
            quartz.UsePersistentStore(store =>
            {
                store.UseConnectionProvider(sp => QuartzStore.ConnectionsFor(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
                store.UseDriverDelegate(sp => QuartzStore.DelegateFor(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
                store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
            });
        });
        // Clustering follows the storage provider, which is only known once configuration is read.
        services.AddSingleton<IConfigureOptions<ClusteringOptions>>(sp => new ConfigureNamedOptions<ClusteringOptions, IOptions<StorageOptions>>(
            null, sp.GetRequiredService<IOptions<StorageOptions>>(), (o, storage) => o.Enabled = QuartzStore.Clustered(storage.Value)));
        services.AddSingleton<IConfigureOptions<QuartzSchedulerOptions>>(sp => new ConfigureNamedOptions<QuartzSchedulerOptions, IOptions<StorageOptions>>(
            null, sp.GetRequiredService<IOptions<StorageOptions>>(), (o, storage) =>
            {
                if (QuartzStore.Clustered(storage.Value)) o.GenerateInstanceId = true;
            }));
        // Started after StorageInitializer (registered first), which creates the qrtz_* tables.
        services.AddHostedService(sp => new SchedulerHost(
            sp.GetRequiredKeyedService<IScheduler>(SchedulerName), sp.GetRequiredService<ILogger<SchedulerHost>>()));
        return services;
    }

    /// <summary>Marks the scheduler as registered.</summary>
    private sealed class SchedulingMarker;
}
