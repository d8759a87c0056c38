using CityMatrix.Api.Security;

namespace CityMatrix.Api.Live;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard hub's services: scopes, connections and the push loop (issue 5, live events).</summary>
    public static IServiceCollection AddDashboardLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<DashboardScopes>();
        services.AddSingleton<DashboardConnections>();
        services.AddSingleton<DashboardPushService>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardPushService>());
        return services;
    }

    /// <summary>/hubs/dashboard for administrators, supervisors and officers; a connection closes when its token expires.</summary>
    public static IEndpointRouteBuilder MapDashboardHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<DashboardHub>(DashboardHub.Path, options => options.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(Policies.Dashboard);
        return app;
    }
}
