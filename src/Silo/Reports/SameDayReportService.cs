using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Surges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Reports;

/// <summary>
/// 热点警情当日通报: today's surges (with their count now, latest cases and the units to summon) and today's
/// large incidents, as of now. Built on request from live data; the daily report of the day keeps them for good.
/// </summary>
public sealed class SameDayReportService(
    IDbContextFactory<CityMatrixDbContext> contexts,
    ReportQueries queries,
    CaseCountQueries counts,
    SurgeAlertStore alerts,
    SurgeMonitor monitor,
    IOptions<ReportOptions> options,
    TimeProvider time)
{
    public async Task<SameDayReport> BuildAsync(CancellationToken cancellationToken = default)
    {
        // Read-your-writes: cases committed before this request have been judged.
        await monitor.FlushAsync(cancellationToken);
        var now = time.GetUtcNow();
        var day = CityDays.DayOf(now);
        var surges = new List<SurgeWithCases>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var alert in await alerts.ListAsync(day, day, null, null, cancellationToken))
        {
            var key = new SurgeKey(alert.Topic, alert.RegionCode, alert.Day);
            var latest = await SurgeUnits.CasesOf(db, key).OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id)
                .Take(options.Value.CasesPerItem).ToListAsync(cancellationToken);
            surges.Add(new SurgeWithCases(alert, queries.RegionName(alert.RegionCode),
                await counts.DayCountAsync(alert.Topic, alert.RegionCode, day, cancellationToken), latest.Select(queries.Brief).ToList()));
        }
        return new SameDayReport(day, now, surges, await queries.HotIncidentsAsync(day, cancellationToken));
    }

    public string Html(SameDayReport report) => ReportHtml.SameDay(report, queries);
}
