using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Scheduling;
using CityMatrix.Silo.Sla.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityMatrix.Silo.Sla;

public static class SlaServiceCollectionExtensions
{
    /// <summary>
    /// SLA clocks: the arithmetic, the evaluator, the commit observers (scheduling, live events), and their
    /// wake-ups in the application's Quartz scheduler (<see cref="SchedulingServiceCollectionExtensions.AddScheduling"/>).
    /// </summary>
    public static IServiceCollection AddSlaClocks(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section)
            .Validate(o => o.WarningShare is > 0 and < 1, "Sla:WarningShare is between 0 and 1.")
            .Validate(o => o.OverdueStep > TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero && o.RetryDelay > TimeSpan.Zero,
                "Sla:OverdueStep, ReconcileInterval and RetryDelay are positive.")
            .Validate(o => !o.Reconcile || o.TriggerHorizon > o.ReconcileInterval + o.RetryDelay,
                "Sla:TriggerHorizon must exceed Sla:ReconcileInterval (plus RetryDelay): later wake-ups get their triggers from the reconciler.")
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
            sp.GetRequiredKeyedService<IScheduler>(SchedulingServiceCollectionExtensions.SchedulerName), sp.GetRequiredService<SlaQueries>(), sp.GetRequiredService<SlaClocks>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SlaOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SlaClockScheduler>>()));
        // The scheduler is started before the reconciler and the schedule worker that use it.
        services.AddScheduling();
        services.AddSingleton<SlaReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaReconciler>());
        services.AddHostedService<SlaScheduleWorker>();
        return services;
    }
}
