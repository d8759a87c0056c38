using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Reports;
using CityMatrix.Silo.Scheduling;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace CityMatrix.Silo.Tests.Reports;

/// <summary>The 08:00 daily report as a cron trigger in the persistent Quartz store, on SQLite and PostgreSQL.</summary>
public abstract class DailyReportScheduleTests(StorageKind kind) : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 11, 4, 8, 0, 0, Beijing));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static bool Scheduling(IHostedService hosted) => hosted is SchedulerHost or DailyReportSchedule;

    private static IScheduler SchedulerOf(SiloHost silo) =>
        silo.Services.GetRequiredKeyedService<IScheduler>(SchedulingServiceCollectionExtensions.SchedulerName);

    [Fact]
    public async Task The_daily_report_trigger_is_stored_for_eight_oclock_Beijing_time_and_survives_a_restart()
    {
        await using (var first = await _database.StartSiloAsync(_time, alsoStart: Scheduling))
        {
            var trigger = (await SchedulerOf(first).GetTrigger(DailyReportSchedule.Trigger)).ShouldNotBeNull();
            var next = trigger.NextFireTimeUtc.ShouldNotBeNull().ToOffset(Beijing);
            (next.Hour, next.Minute, next.Second).ShouldBe((8, 0, 0));
        }

        // A process started later finds the same single trigger in the store (replaced, not doubled).
        await using var second = await _database.StartSiloAsync(_time, alsoStart: Scheduling);
        var triggers = await SchedulerOf(second).GetTriggersOfJob(DailyReportSchedule.Job);
        triggers.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_morning_missed_while_no_server_ran_fires_when_one_starts_again()
    {
        DateTimeOffset scheduled;
        await using (var first = await _database.StartSiloAsync(_time, alsoStart: Scheduling))
            scheduled = (await SchedulerOf(first).GetTrigger(DailyReportSchedule.Trigger)).ShouldNotBeNull().NextFireTimeUtc.ShouldNotBeNull();

        // While no server runs, the 08:00 passes: the stored trigger is now due an hour ago (Quartz fires on the wall clock).
        await using (var offline = await _database.StartSiloAsync(_time))
        {
            await using var db = await offline.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
            var missed = DateTimeOffset.UtcNow.AddHours(-1).UtcTicks;
            (await db.Database.ExecuteSqlRawAsync("UPDATE qrtz_triggers SET next_fire_time = {0} WHERE trigger_name = 'daily-report'", missed)).ShouldBe(1);
        }

        await using var second = await _database.StartSiloAsync(_time, alsoStart: Scheduling);
        var yesterday = new DateOnly(2025, 11, 3);
        await BoundedWait.UntilAsync(async () => await second.Get<DailyReportService>().GetAsync(yesterday) is not null,
            TimeSpan.FromSeconds(60), "the missed morning's report stored once a server is back");
        var next = (await SchedulerOf(second).GetTrigger(DailyReportSchedule.Trigger)).ShouldNotBeNull().NextFireTimeUtc.ShouldNotBeNull();
        next.ShouldBeGreaterThanOrEqualTo(scheduled);
    }

    [Fact]
    public async Task Firing_the_job_stores_yesterdays_report()
    {
        await using var silo = await _database.StartSiloAsync(_time, alsoStart: Scheduling);
        var yesterday = new DateOnly(2025, 11, 3);
        (await silo.Get<DailyReportService>().GetAsync(yesterday)).ShouldBeNull();

        await SchedulerOf(silo).TriggerJob(DailyReportSchedule.Job);

        await BoundedWait.UntilAsync(async () => await silo.Get<DailyReportService>().GetAsync(yesterday) is not null,
            TimeSpan.FromSeconds(60), "the daily report of 2025-11-03 stored by the Quartz job");
        (await silo.Get<DailyReportService>().GetAsync(yesterday))!.Html.ShouldContain("2025");
    }
}

public sealed class DailyReportScheduleTests_on_Sqlite() : DailyReportScheduleTests(StorageKind.Sqlite);

public sealed class DailyReportScheduleTests_on_PostgreSql() : DailyReportScheduleTests(StorageKind.PostgreSql);
