using CityMatrix.Api.Security;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Sla;

namespace CityMatrix.Api.Supervision;

public static class SupervisionEndpoints
{
    /// <summary>GET /api/supervision/accountability: the 问责 list (open cases at 督办 level 3 and the units answerable), for the super-supervisors.</summary>
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/supervision/accountability", async (SlaQueries queries, AccountDirectory accounts, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var entries = await queries.AccountabilityAsync(cancellationToken);
            var now = time.GetUtcNow();
            return TypedResults.Ok(new { total = entries.Count, items = entries.Select(e => AccountabilityView.From(e, accounts, now)) });
        }).WithTags("supervision").RequireAuthorization(Policies.Oversight);
        return app;
    }
}
