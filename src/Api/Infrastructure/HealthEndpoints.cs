using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Posts;

namespace CityMatrix.Api.Infrastructure;

public static class HealthEndpoints
{
    /// <summary>GET /health: 200 once storage is migrated, seeded and loaded; 503 before, and once ingestion has stopped.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", IResult (SiloReadiness readiness, AccountDirectory accounts, PostIngestionQueue ingestion) =>
                !readiness.IsReady ? TypedResults.Problem("Starting up: storage is not ready yet.", statusCode: StatusCodes.Status503ServiceUnavailable)
                : ingestion.Stopped is { } stopped ? TypedResults.Problem($"Ingestion has stopped: {stopped.InnerException?.Message}", statusCode: StatusCodes.Status503ServiceUnavailable)
                : TypedResults.Ok(new { status = "ready", accounts = accounts.All.Count }))
            .WithTags("health");
        return app;
    }
}
