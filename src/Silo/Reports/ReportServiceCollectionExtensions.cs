using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>The daily report (stored) and the same-day hot-incident report; the job runner for the 08:00 schedule.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => o.LargeIncidentCases >= 2 && o.TopTopics >= 1 && o.CasesPerItem >= 1 && o.OverdueHolders >= 1,
                "Reports: LargeIncidentCases is at least 2; TopTopics, CasesPerItem and OverdueHolders at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<ReportQueries>();
        services.TryAddSingleton<ReportStore>();
        services.TryAddSingleton<DailyReportService>();
        services.TryAddSingleton<SameDayReportService>();
        services.TryAddSingleton<DailyReportJobRunner>();
        return services;
    }
}
