using CityMatrix.Api.Security;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Workbench;

public static class WorkbenchEndpoints
{
    /// <summary>Case presence for the workbench: who else has a case open, and live notice of its changes.</summary>
    public static IServiceCollection AddWorkbench(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<CasePresence>();
        services.AddSingleton<ICaseCommitObserver, PresenceCommitObserver>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkbench(this IEndpointRouteBuilder app)
    {
        app.MapHub<CasePresenceHub>(CasePresenceHub.Path).RequireAuthorization(Policies.Staff);
        return app;
    }
}
