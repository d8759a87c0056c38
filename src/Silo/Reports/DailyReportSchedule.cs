using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace CityMatrix.Silo.Reports;

/// <summary>
/// Puts the daily report's cron trigger (08:00 Asia/Shanghai by default) into the persistent Quartz store at
/// start-up. A stored trigger with the same schedule is kept as it is: replacing it would move its next fire
/// time past a morning missed while no server ran, which must instead fire once when one starts again
/// (misfire: fire now). A changed schedule replaces it; that is safe when several processes start together
/// (the store keeps one of each, and on PostgreSQL the clustered scheduler fires it on one node only).
/// </summary>
public sealed class DailyReportSchedule(IScheduler scheduler, IOptions<ReportOptions> options) : IHostedService
{
    public static readonly JobKey Job = new("daily-report", "reports");
    public static readonly TriggerKey Trigger = new("daily-report", "reports");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        if (await scheduler.GetTrigger(Trigger, cancellationToken) is ICronTrigger stored
            && stored.CronExpressionString == settings.DailyCron && stored.TimeZone.Id == zone.Id
            && await scheduler.GetJobDetail(Job, cancellationToken) is not null)
            return;
        var job = JobBuilder.Create<DailyReportJob>().WithIdentity(Job).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(Trigger).ForJob(Job)
            .WithCronSchedule(settings.DailyCron, cron => cron
                .InTimeZone(zone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
