using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo.Outbound;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>The case outbox, the public feed, webhook administration and the delivery worker.</summary>
    public static IServiceCollection AddOutbound(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.MaxAttempts >= 1 && o.BaseDelay > TimeSpan.Zero && o.MaxDelay >= o.BaseDelay && o.Lease > o.Timeout && o.PollInterval > TimeSpan.Zero,
                "Webhooks: MaxAttempts ≥ 1, BaseDelay > 0, MaxDelay ≥ BaseDelay, Lease > Timeout, PollInterval > 0.");
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<CaseOutbox>();
        services.TryAddSingleton<FeedQueries>();
        services.TryAddSingleton<WebhookSubscriptions>();
        services.TryAddSingleton<WebhookSender>();
        // Redirects are not followed: a receiver that moved must be re-registered by an administrator.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.TryAddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        return services;
    }
}
