using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Metrics;

namespace CityMatrix.Api.Metrics;

public static class RankingEndpoints
{
    /// <summary>
    /// /api/rankings?month=yyyy-MM&amp;kind=district|street|bureau and its CSV export. Ranks and scores are
    /// over every unit of the kind; the rows returned are those the user may see.
    /// </summary>
    public static IEndpointRouteBuilder MapRankings(this IEndpointRouteBuilder app)
    {
        var rankings = app.MapGroup("/api/rankings").WithTags("metrics").RequireAuthorization(Policies.Metrics);

        rankings.MapGet("/", async (HttpRequest request, ClaimsPrincipal user, MetricsAccess access, RankingService service, TimeProvider time,
            CancellationToken cancellationToken) => TypedResults.Ok(await ViewAsync(request, user, access, service, time, cancellationToken)));

        rankings.MapGet("/export.csv", async (HttpRequest request, ClaimsPrincipal user, MetricsAccess access, RankingService service, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            var view = await ViewAsync(request, user, access, service, time, cancellationToken);
            return MetricsCsv.Ranking(view).ToResult($"rankings-{view.Kind}-{view.Month}.csv");
        });

        return app;
    }

    private static async Task<RankingView> ViewAsync(HttpRequest request, ClaimsPrincipal user, MetricsAccess access, RankingService service, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (year, month) = MetricsParameters.Month(request.Query, CityDay.Today(time));
        var kind = MetricsParameters.Kind(request.Query);
        var visible = access.Visible(user);
        var table = await service.RankAsync(kind, year, month, cancellationToken);
        return RankingView.From(table, id => visible is null || visible.Contains(id));
    }
}
