using CityMatrix.Api.Security;
using CityMatrix.Silo.Reports;
using CityMatrix.Silo.Seed;
using CityMatrix.Silo.Surges;

namespace CityMatrix.Api.Surges;

public static class SurgeEndpoints
{
    public const int MaxDaysByDay = 366;
    public const int MaxDaysByHour = 31;
    private const int DefaultDays = 30;

    /// <summary>GET /api/surges (alerts of a day) and GET /api/hotspots (counts for trends). Supervisors and admins; docs/SURGES.md.</summary>
    public static IEndpointRouteBuilder MapSurges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/surges", async (string? date, string? topic, string? region,
                SurgeMonitor monitor, SurgeAlertStore alerts, ReportQueries names, RegionDirectory regions, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var day = SurgeParameters.Day(date, "date", SurgeParameters.Today(time));
                var topicName = SurgeParameters.Topic(topic);
                var regionCode = SurgeParameters.Region(region, regions);
                // Read-your-writes: every case committed before this request has been judged.
                await monitor.FlushAsync(cancellationToken);
                var list = await alerts.ListAsync(day, day, topicName, regionCode, cancellationToken);
                return TypedResults.Ok(new { date = day, surges = list.Select(a => SurgeView.From(a, names.RegionName(a.RegionCode))).ToList() });
            })
            .WithTags("surges")
            .RequireAuthorization(Policies.Supervision);

        app.MapGet("/api/hotspots", async (string? from, string? to, string? topic, string? region, string? by,
                CaseCountQueries counts, SurgeAlertStore alerts, ReportQueries names, RegionDirectory regions, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var hourly = by switch
                {
                    null or "" or "day" => false,
                    "hour" => true,
                    _ => throw new SurgeQueryException("by", "by is day or hour."),
                };
                var last = SurgeParameters.Day(to, "to", SurgeParameters.Today(time));
                var first = SurgeParameters.Day(from, "from", last.AddDays(-(DefaultDays - 1)));
                if (first > last) throw new SurgeQueryException("from", "from must not be after to.");
                var max = hourly ? MaxDaysByHour : MaxDaysByDay;
                if (last.DayNumber - first.DayNumber + 1 > max) throw new SurgeQueryException("to", $"At most {max} days {(hourly ? "by hour" : "by day")}.");
                var topicName = SurgeParameters.Topic(topic);
                var regionCode = SurgeParameters.Region(region, regions) ?? SurgeRegions.City;

                var rows = hourly
                    ? await counts.HourlyAsync(topicName, regionCode, first, last, cancellationToken)
                    : await counts.DailyAsync(topicName, regionCode, first, last, cancellationToken);
                var surgeDays = (await alerts.ListAsync(first, last, topicName, regionCode, cancellationToken))
                    .ToLookup(a => a.Topic, a => a.Day);
                var topics = topicName is null ? rows.Select(r => r.Topic).Distinct().ToList() : [topicName];
                var series = topics.Select(t =>
                    {
                        var mine = rows.Where(r => r.Topic == t).ToList();
                        var points = hourly ? HourPoints(mine, first, last) : DayPoints(mine, first, last);
                        return new HotspotSeries(t, mine.Sum(r => r.Count), points, surgeDays[t].Distinct().Order().ToList());
                    })
                    .OrderByDescending(s => s.Total).ThenBy(s => s.Topic, StringComparer.Ordinal)
                    .ToList();
                return TypedResults.Ok(new HotspotView(first, last, regionCode, names.RegionName(regionCode), hourly ? "hour" : "day", series));
            })
            .WithTags("surges")
            .RequireAuthorization(Policies.Supervision);
        return app;
    }

    private static List<HotspotPoint> DayPoints(List<CaseCount> rows, DateOnly first, DateOnly last)
    {
        var byDay = rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        return Days(first, last).Select(d => new HotspotPoint(d, null, byDay.GetValueOrDefault(d))).ToList();
    }

    private static List<HotspotPoint> HourPoints(List<CaseCount> rows, DateOnly first, DateOnly last)
    {
        var byHour = rows.ToDictionary(r => (r.Day, r.Hour), r => r.Count);
        return Days(first, last).SelectMany(d => Enumerable.Range(0, 24).Select(h => new HotspotPoint(d, h, byHour.GetValueOrDefault((d, h))))).ToList();
    }

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1)) yield return d;
    }
}
