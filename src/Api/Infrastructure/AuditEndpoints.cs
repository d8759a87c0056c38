using CityMatrix.Api.Security;
using CityMatrix.Silo.Audit;

namespace CityMatrix.Api.Infrastructure;

public static class AuditEndpoints
{
    /// <summary>GET /api/audit: the newest audit entries, filtered; administrators only.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (AuditLog audit, string? userId, string? path, DateTimeOffset? from, DateTimeOffset? to, int? limit) =>
                TypedResults.Ok(await audit.QueryAsync(userId, path, from, to, Math.Clamp(limit ?? 100, 1, 1000))))
            .WithTags("audit").RequireAuthorization(Policies.Admin);
        return app;
    }
}
