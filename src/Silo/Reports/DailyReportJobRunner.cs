using Microsoft.Extensions.Logging;

namespace CityMatrix.Silo.Reports;

/// <summary>
/// What the 08:00 (Asia/Shanghai) job does: store yesterday's daily report unless it is stored already.
/// Idempotent, also when two processes fire at once (the reports table's key decides), so a scheduler may
/// run it again after a misfire or a restart. The Quartz job wraps <see cref="RunAsync"/>.
/// </summary>
public sealed class DailyReportJobRunner(DailyReportService reports, TimeProvider time, ILogger<DailyReportJobRunner> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var yesterday = CityDays.Today(time).AddDays(-1);
        var report = await reports.GenerateAsync(yesterday, cancellationToken);
        logger.LogInformation("Daily report for {Day} stored (generated {GeneratedAt})", yesterday, report.GeneratedAt);
    }
}
