using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;

namespace CityMatrix.Api.Infrastructure;

public static class HealthEndpoints
{
    /// <summary>GET /health: 200 once storage is migrated, seeded and loaded; 503 before.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", IResult (SiloReadiness readiness, AccountDirectory accounts) => readiness.IsReady
            ? TypedResults.Ok(new { status = "ready", accounts = accounts.All.Count })
            : TypedResults.Problem("Starting up: storage is not ready yet.", statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("health");
        return app;
    }
}
