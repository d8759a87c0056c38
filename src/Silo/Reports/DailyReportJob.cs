using Quartz;

namespace CityMatrix.Silo.Reports;

/// <summary>The Quartz job of the 08:00 daily report; the runner is idempotent, so a misfire re-run is harmless.</summary>
[DisallowConcurrentExecution]
public sealed class DailyReportJob(DailyReportJobRunner runner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAsync(cancellationToken);
}
