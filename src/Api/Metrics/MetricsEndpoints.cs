using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Metrics;

namespace CityMatrix.Api.Metrics;

public static class MetricsEndpoints
{
    /// <summary>Trends take at most three years of days (one point per day).</summary>
    public const int MaxTrendDays = 1_100;

    /// <summary>
    /// /api/metrics: an account's rates (alone or rolled up over its subtree) and their CSV export, the
    /// dashboard tiles, the daily trend and breakdowns. Ranges: from/to or period=day|week|month&amp;date=.
    /// </summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGroup("/api/metrics").WithTags("metrics").RequireAuthorization(Policies.Metrics);

        metrics.MapGet("/accounts/{accountId}", async (string accountId, HttpRequest request, ClaimsPrincipal user, MetricsAccess access,
            MetricsService service, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var (range, subtree) = AccountQuery(request, time);
            access.ForAccount(user, accountId, subtree);
            return TypedResults.Ok(AccountMetricsView.Of(await service.ForAccountAsync(accountId, range, subtree, cancellationToken)));
        });

        metrics.MapGet("/accounts/{accountId}/export.csv", async (string accountId, HttpRequest request, ClaimsPrincipal user, MetricsAccess access,
            MetricsService service, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var (range, subtree) = AccountQuery(request, time);
            var scope = access.ForAccount(user, accountId, subtree);
            var total = AccountMetricsView.Of(await service.ForAccountAsync(accountId, range, subtree, cancellationToken));
            var members = subtree ? (await service.ForEachAccountAsync(scope, range, cancellationToken)).Select(AccountMetricsView.Of) : [];
            return MetricsCsv.Accounts(total, members).ToResult($"metrics-{accountId}-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv");
        });

        metrics.MapGet("/tiles", async (HttpRequest request, ClaimsPrincipal user, MetricsAccess access, MetricsService service, CancellationToken cancellationToken) =>
        {
            var accountId = MetricsParameters.Text(request.Query, "accountId");
            var scope = access.Scope(user, accountId);
            return TypedResults.Ok(TilesView.From(await service.TilesAsync(scope, cancellationToken), accountId));
        });

        metrics.MapGet("/trend", async (HttpRequest request, ClaimsPrincipal user, MetricsAccess access, MetricsService service, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            var range = MetricsParameters.Range(request.Query, CityDay.Today(time), today => new DayRange(today.AddDays(-29), today), MaxTrendDays);
            var scope = access.Scope(user, MetricsParameters.Text(request.Query, "accountId"));
            var points = await service.TrendAsync(scope, range, cancellationToken);
            return TypedResults.Ok(points.Select(p => new TrendPointView(p.Day, p.Received, p.Closed)).ToList());
        });

        metrics.MapGet("/breakdown", async (HttpRequest request, ClaimsPrincipal user, MetricsAccess access, MetricsService service, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            var range = MetricsParameters.Range(request.Query, CityDay.Today(time), DayRange.Month);
            var by = MetricsParameters.By(request.Query);
            var scope = access.Scope(user, MetricsParameters.Text(request.Query, "accountId"));
            var rows = await service.BreakdownAsync(scope, range, by, cancellationToken);
            return TypedResults.Ok(rows.Select(r => new BreakdownRowView(r.Key, r.Name, r.Received, r.Open, r.Closed, r.Overdue)).ToList());
        });

        return app;
    }

    /// <summary>The range (default: this month) and subtree=true|false (default false) of an account report.</summary>
    private static (DayRange Range, bool Subtree) AccountQuery(HttpRequest request, TimeProvider time) =>
        (MetricsParameters.Range(request.Query, CityDay.Today(time), DayRange.Month), MetricsParameters.Flag(request.Query, "subtree", false));
}
