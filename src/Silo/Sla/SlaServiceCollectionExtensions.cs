using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Sla.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityMatrix.Silo.Sla;

public static class SlaServiceCollectionExtensions
{
    /// <summary>
    /// The clocks' own named scheduler: its parts are keyed under this name, so it neither takes nor replaces
    /// the container's unkeyed services (TimeProvider above all) nor collides with another scheduler the
    /// application registers. Also the scheduler name every node of the cluster shares (qrtz_*.sched_name).
    /// </summary>
    public const string SchedulerName = "citymatrix-sla";

    /// <summary>
    /// SLA clocks: the arithmetic, the evaluator, the commit observers (scheduling, live events), and Quartz
    /// with its persistent store in the cases' database (clustered on PostgreSQL), started and stopped with the host.
    /// </summary>
    public static IServiceCollection AddSlaClocks(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section)
            .Validate(o => o.WarningShare is > 0 and < 1, "Sla:WarningShare is between 0 and 1.")
            .Validate(o => o.OverdueStep > TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero && o.RetryDelay > TimeSpan.Zero,
                "Sla:OverdueStep, ReconcileInterval and RetryDelay are positive.")
            .ValidateOnStart();
        services.TryAddSingleton<WorkingCalendar>();
        services.TryAddSingleton<SlaClocks>();
        services.TryAddSingleton<SlaEscalation>();
        services.TryAddSingleton<SlaEvaluator>();
        services.TryAddSingleton<SlaQueries>();
        services.TryAddSingleton<SlaWakeUps>();
        services.TryAddSingleton<SlaScheduleQueue>();
        services.AddSingleton<ICaseCommitObserver>(sp => sp.GetRequiredService<SlaScheduleQueue>());
        services.AddSingleton<ICaseCommitObserver, SlaLiveEvents>();
        services.TryAddSingleton(sp => new SlaClockScheduler(
            sp.GetRequiredKeyedService<IScheduler>(SchedulerName), sp.GetRequiredService<SlaQueries>(), sp.GetRequiredService<SlaClocks>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SlaOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SlaClockScheduler>>()));
        AddQuartzStore(services);
        services.AddSingleton<SlaReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaReconciler>());
        services.AddHostedService<SlaScheduleWorker>();
        return services;
    }

    private static void AddQuartzStore(IServiceCollection services)
    {
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
        // Started after StorageInitializer (registered first), which creates the qrtz_* tables, and before the
        // reconciler and the schedule worker that use it.
        services.AddHostedService(sp => new SlaSchedulerHost(
            sp.GetRequiredKeyedService<IScheduler>(SchedulerName), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SlaSchedulerHost>>()));
    }
}
