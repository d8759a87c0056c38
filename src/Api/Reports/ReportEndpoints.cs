using System.Globalization;
using System.Text.Json;
using CityMatrix.Api.Security;
using CityMatrix.Api.Surges;
using CityMatrix.Silo.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Reports;

public static class ReportEndpoints
{
    private const string JsonType = "application/json; charset=utf-8";
    private const string HtmlType = "text/html; charset=utf-8";

    /// <summary>
    /// The daily report (stored, one per finished day) and the same-day hot-incident report (live). City-wide
    /// documents: administrators and the manager's and super-supervisors' supervisors (docs/SURGES.md, "Access").
    /// </summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("reports").RequireAuthorization(Policies.Oversight);

        // {file} is 2026-11-02, 2026-11-02.json or 2026-11-02.html: the report as stored.
        reports.MapGet("/daily/{file}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string file, DailyReportService service, CancellationToken cancellationToken) =>
        {
            var (day, html) = Parse(file);
            var stored = await service.GetAsync(day, cancellationToken);
            if (stored is null) return TypedResults.Problem($"No daily report for {day:yyyy-MM-dd} yet: it is made at 08:00 the next morning.", statusCode: StatusCodes.Status404NotFound);
            return html ? TypedResults.Text(stored.Html, HtmlType) : TypedResults.Text(stored.Json, JsonType);
        });

        // Generates the day's report again from the data as it is now (e.g. after a correction) and stores it.
        reports.MapPost("/daily/{file}", async (string file, DailyReportService service, CancellationToken cancellationToken) =>
        {
            var (day, _) = Parse(file);
            var stored = await service.RegenerateAsync(day, cancellationToken);
            return TypedResults.Text(stored.Json, JsonType);
        });

        reports.MapGet("/today", async (SameDayReportService service, CancellationToken cancellationToken) =>
            TypedResults.Text(JsonSerializer.Serialize(await service.BuildAsync(cancellationToken), ReportJson.Options), JsonType));

        reports.MapGet("/today.html", async (SameDayReportService service, CancellationToken cancellationToken) =>
            TypedResults.Text(service.Html(await service.BuildAsync(cancellationToken)), HtmlType));
        return app;
    }

    private static (DateOnly Day, bool Html) Parse(string file)
    {
        var (name, html) = file.EndsWith(".html", StringComparison.Ordinal) ? (file[..^5], true)
            : file.EndsWith(".json", StringComparison.Ordinal) ? (file[..^5], false)
            : (file, false);
        return DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, html)
            : throw new SurgeQueryException("day", "The report is named by its day: 2026-11-02, 2026-11-02.json or 2026-11-02.html.");
    }
}
