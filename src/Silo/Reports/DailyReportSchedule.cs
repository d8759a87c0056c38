using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityMatrix.Silo.Reports;

/// <summary>
/// Puts the daily report's cron trigger (08:00 Asia/Shanghai by default) into the persistent Quartz store at
/// start-up. Replacing the stored job and trigger is safe when several processes start together: the store
/// keeps one of each, and on PostgreSQL the clustered scheduler fires it on one node only. A morning missed
/// while no server ran fires once when one starts again (misfire: fire now).
/// </summary>
public sealed class DailyReportSchedule(IScheduler scheduler, IOptions<ReportOptions> options) : IHostedService
{
    public static readonly JobKey Job = new("daily-report", "reports");
    public static readonly TriggerKey Trigger = new("daily-report", "reports");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var job = JobBuilder.Create<DailyReportJob>().WithIdentity(Job).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(Trigger).ForJob(Job)
            .WithCronSchedule(settings.DailyCron, cron => cron
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
