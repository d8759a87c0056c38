using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Delivery;

namespace CityMatrix.Api.Alerts;

public static class AlertPreviewEndpoints
{
    /// <summary>
    /// POST /api/alerts/preview?account= with the alert as JSON (as it would be sent): how many connected
    /// clients are inside its area now. For broadcasters; nothing is stored, audited or sent.
    /// </summary>
    public static IEndpointRouteBuilder MapAlertPreview(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/alerts/preview", (CapAlert alert, string? account, ClaimsPrincipal user, AlertAreaPreview preview) =>
                TypedResults.Ok(preview.Preview(user, account, alert)))
            .WithTags("alerts")
            .RequireAuthorization(Policies.Broadcaster);
        return app;
    }
}
