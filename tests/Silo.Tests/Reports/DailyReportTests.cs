using System.Text.Json;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Reports;
using CityMatrix.Silo.Tests.Infrastructure;

namespace CityMatrix.Silo.Tests.Reports;

/// <summary>The daily report from real cases and a moved clock, on SQLite and PostgreSQL (subclasses below).</summary>
public abstract class DailyReportTests(StorageKind kind) : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateOnly Day = new(2025, 11, 3);
    private const string Street = "street-640106001";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 11, 3, 9, 0, 0, Beijing));
    private readonly CaseActor _officer = new(Street, "officer");
    private TestDatabase _database = null!;
    private SiloHost _silo = null!;
    private int _citizen;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silo = await _database.StartSiloAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    private CaseService Cases => _silo.Get<CaseService>();

    /// <summary>A noise case forwarded to the street with <paramref name="hours"/> to solve it.</summary>
    private async Task<CaseState> OpenAsync(int hours, string? incident = null, string topic = "噪音")
    {
        var opened = await Cases.OpenAsync(new OpenCase(CaseActor.System("wzyc"), "wzyc", $"citizen-{Interlocked.Increment(ref _citizen)}",
            "金凤区满城北街广场舞噪音扰民，每天晚上十点还在跳", "环境保护", topic, "640106001002", CaseUrgency.Normal, IncidentId: incident));
        return await Cases.ExecuteAsync(opened.Id, new ForwardCase(CaseActor.System("wzyc"), Street, _time.GetUtcNow().AddHours(hours), "属地"));
    }

    private async Task CloseAsync(string id)
    {
        await Cases.ExecuteAsync(id, new AcceptCase(_officer));
        await Cases.ExecuteAsync(id, new ReplyCase(_officer, "已联系广场舞队伍调整时间。"));
        await Cases.ExecuteAsync(id, new CloseCase(_officer, null));
    }

    [Fact]
    public async Task Yesterdays_report_counts_intake_closures_on_time_ratings_and_overdue_cases_at_the_end_of_the_day()
    {
        var onTime = await OpenAsync(hours: 24);
        var late = await OpenAsync(hours: 2);
        var overdue = await OpenAsync(hours: 3);
        await OpenAsync(hours: 48);
        await OpenAsync(hours: 48, topic: "供暖");
        _time.Advance(TimeSpan.FromHours(4)); // 13:00: late and overdue are past their deadlines
        await CloseAsync(onTime.Id);
        await CloseAsync(late.Id);
        await Cases.ExecuteAsync(onTime.Id, new RateCase(CaseActor.Citizen(onTime.CitizenId), Solved: true, Satisfied: true, null));
        _time.Advance(TimeSpan.FromHours(19)); // 08:00 the next morning

        await _silo.Get<DailyReportJobRunner>().RunAsync(CancellationToken.None);

        var stored = (await _silo.Get<DailyReportService>().GetAsync(Day))!;
        var report = JsonSerializer.Deserialize<DailyReport>(stored.Json, ReportJson.Options)!;
        report.Intake.CasesOpened.ShouldBe(5);
        report.Intake.ByCategory.ShouldBe([new NamedCount("环境保护", 5)]);
        report.Closures.ShouldBe(new ReportClosures(Closed: 2, ClosedOnTime: 1, Rated: 1, Satisfied: 1));
        report.Overdue.OpenAtEnd.ShouldBe(3);
        report.Overdue.Overdue.ShouldBe(1);
        report.Overdue.ByHolder.ShouldBe([new AccountCount(Street, report.Overdue.ByHolder[0].DisplayName, 1)]);
        report.TopTopics.Select(t => (t.Topic, t.Count)).ShouldBe([("噪音", 4), ("供暖", 1)]);
        stored.Html.ShouldContain("当日办结 2 件，其中按时办结 1 件（按时办结率 50.0%）");
        stored.Html.ShouldContain("日终在办案件 3 件，其中超期 1 件");
        overdue.Id.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_large_incident_is_reported_with_its_cases_and_units()
    {
        var root = await OpenAsync(hours: 24);
        for (var i = 0; i < 5; i++) await OpenAsync(hours: 24, incident: root.Id);
        await OpenAsync(hours: 24, incident: "YC20251103-SMALL");
        _time.Advance(TimeSpan.FromDays(1));

        var report = await _silo.Get<DailyReportService>().BuildAsync(Day);

        var incident = report.HotIncidents.ShouldHaveSingleItem();
        incident.IncidentId.ShouldBe(root.Id);
        incident.Cases.ShouldBe(5);
        incident.RegionName.ShouldBe("中强巷社区");
        incident.Units.ShouldBe([new AccountCount(Street, incident.Units[0].DisplayName, 5)]);
        incident.Sample.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Two_processes_running_the_morning_job_store_one_report_and_a_second_run_changes_nothing()
    {
        await OpenAsync(hours: 24);
        _time.Advance(TimeSpan.FromHours(23));
        await using var second = await _database.StartSiloAsync(_time);

        await Task.WhenAll(
            Task.Run(() => _silo.Get<DailyReportJobRunner>().RunAsync(CancellationToken.None)),
            Task.Run(() => second.Get<DailyReportJobRunner>().RunAsync(CancellationToken.None)));
        var first = (await _silo.Get<DailyReportService>().GetAsync(Day))!;
        _time.Advance(TimeSpan.FromHours(1));
        await second.Get<DailyReportJobRunner>().RunAsync(CancellationToken.None);

        (await second.Get<DailyReportService>().GetAsync(Day))!.GeneratedAt.ShouldBe(first.GeneratedAt);
        first.GeneratedAt.ShouldBe(new DateTimeOffset(2025, 11, 4, 8, 0, 0, Beijing));
    }

    [Fact]
    public async Task Today_cannot_have_a_daily_report_yet()
    {
        var refused = await Should.ThrowAsync<ReportRuleException>(() => _silo.Get<DailyReportService>().GenerateAsync(Day));

        refused.Field.ShouldBe("day");
    }
}

public sealed class DailyReportTests_on_Sqlite() : DailyReportTests(StorageKind.Sqlite);

public sealed class DailyReportTests_on_PostgreSql() : DailyReportTests(StorageKind.PostgreSql);
