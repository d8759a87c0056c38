using System.Globalization;
using CityMatrix.Silo.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityMatrix.Silo.Surges;

public static class SurgeServiceCollectionExtensions
{
    /// <summary>Surge detection: counts (kept by triggers), the evaluator, the commit observer and its background loop.</summary>
    public static IServiceCollection AddSurges(this IServiceCollection services)
    {
        services.AddOptions<SurgeOptions>().BindConfiguration(SurgeOptions.Section)
            .Validate(o => o.MinCount >= 1 && o.ZThreshold > 0 && o.YearsBack >= 0 && o.WindowDays >= 0 && o.RecentDays >= 0 && o.MinBaselineDays >= 1 && o.SummonCount >= 1,
                "Surges: MinCount, MinBaselineDays and SummonCount are at least 1, ZThreshold above 0, YearsBack, WindowDays and RecentDays not negative.")
            .Validate(o => o.Seasons.Values.All(s => IsMonthDay(s.DefaultStart) && IsMonthDay(s.End)),
                "Surges:Seasons: DefaultStart and End are month-days like 11-01.")
            .ValidateOnStart();
        services.TryAddSingleton<CaseCountQueries>();
        services.TryAddSingleton<SurgeAlertStore>();
        services.TryAddSingleton<SurgeUnits>();
        services.TryAddSingleton<SurgeEvaluator>();
        services.TryAddSingleton<CaseCountReconciler>();
        if (services.All(d => d.ServiceType != typeof(SurgeMonitor)))
        {
            services.AddSingleton<SurgeMonitor>();
            services.AddSingleton<ICaseCommitObserver>(sp => sp.GetRequiredService<SurgeMonitor>());
            services.AddSingleton<IHostedService, SurgeMonitorService>();
        }
        return services;
    }

    private static bool IsMonthDay(string value) =>
        DateOnly.TryParseExact($"2000-{value}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
