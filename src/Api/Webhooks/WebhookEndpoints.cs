using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Outbound;

namespace CityMatrix.Api.Webhooks;

public static class WebhookEndpoints
{
    public const int MaxDeliveriesListed = 500;

    /// <summary>Webhook administration (admins only): subscriptions, their deliveries, redelivery of dead ones.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/webhooks").WithTags("webhooks").RequireAuthorization(Policies.Admin);

        hooks.MapPost("/", async (CreateWebhookRequest request, ClaimsPrincipal user, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        {
            var created = await subscriptions.CreateAsync(new NewWebhook(request.Url, request.Secret, request.Events), user.UserId(), cancellationToken);
            return TypedResults.Created($"/api/webhooks/{created.Id}", new CreatedWebhookView(created.Id, created.Url, created.Events, created.Secret, created.CreatedAt));
        });
        hooks.MapGet("/", async (WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
            TypedResults.Ok((await subscriptions.ListAsync(cancellationToken)).Select(WebhookView.From)));
        hooks.MapGet("/{id}", async (string id, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
            TypedResults.Ok(WebhookView.From(await subscriptions.GetAsync(id, cancellationToken))));
        hooks.MapDelete("/{id}", async (string id, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        {
            await subscriptions.DeleteAsync(id, cancellationToken);
            return TypedResults.NoContent();
        });

        hooks.MapGet("/{id}/deliveries", async (string id, string? status, string? limit, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        {
            DeliveryStatus? wanted = null;
            if (status is not null)
            {
                if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                    throw new WebhookRuleException(DomainError.Invalid, $"status is one of {string.Join(", ", Enum.GetNames<DeliveryStatus>())}.", "status");
                wanted = parsed;
            }
            var size = 100;
            if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxDeliveriesListed))
                throw new WebhookRuleException(DomainError.Invalid, $"limit is a whole number from 1 to {MaxDeliveriesListed}.", "limit");
            return TypedResults.Ok((await subscriptions.DeliveriesAsync(id, wanted, size, cancellationToken)).Select(d => DeliveryView.From(d)));
        });
        hooks.MapGet("/deliveries/{deliveryId}", async (string deliveryId, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        {
            var (delivery, attempts) = await subscriptions.DeliveryAsync(deliveryId, cancellationToken);
            return TypedResults.Ok(DeliveryView.From(delivery, attempts));
        });
        hooks.MapPost("/deliveries/{deliveryId}/redeliver", async (string deliveryId, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
            TypedResults.Ok(DeliveryView.From(await subscriptions.RedeliverAsync(deliveryId, cancellationToken))));
        return app;
    }
}
