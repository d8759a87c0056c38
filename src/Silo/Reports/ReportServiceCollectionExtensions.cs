using CityMatrix.Silo.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>The daily report (stored) and the same-day hot-incident report; the 08:00 schedule in Quartz.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => o.LargeIncidentCases >= 2 && o.TopTopics >= 1 && o.CasesPerItem >= 1 && o.OverdueHolders >= 1,
                "Reports: LargeIncidentCases is at least 2; TopTopics, CasesPerItem and OverdueHolders at least 1.")
            .Validate(o => Quartz.CronExpression.TryParse(o.DailyCron, out _), "Reports:DailyCron is a Quartz cron expression.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Reports:TimeZone is a known time zone.")
            .ValidateOnStart();
        services.TryAddSingleton<ReportQueries>();
        services.TryAddSingleton<ReportStore>();
        services.TryAddSingleton<DailyReportService>();
        services.TryAddSingleton<SameDayReportService>();
        services.TryAddSingleton<DailyReportJobRunner>();
        // In the application's scheduler (its persistent, clustered store). The trigger is put in before the
        // scheduler starts: AddScheduling, called after it, places the scheduler's hosted service behind this one.
        services.AddHostedService(sp => new DailyReportSchedule(
            sp.GetRequiredKeyedService<Quartz.IScheduler>(SchedulingServiceCollectionExtensions.SchedulerName),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>()));
        services.AddScheduling();
        return services;
    }
}
