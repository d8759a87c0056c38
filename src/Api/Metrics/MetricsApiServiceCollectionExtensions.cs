using CityMatrix.Api.Security;
using CityMatrix.Silo.Users;

namespace CityMatrix.Api.Metrics;

public static class MetricsApiServiceCollectionExtensions
{
    /// <summary>Who may read metrics (staff and administrators; the per-account rule is <see cref="MetricsAccess"/>).</summary>
    public static IServiceCollection AddMetricsApi(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Metrics, p => p.RequireRole(UserRole.Admin, UserRole.Supervisor, UserRole.Officer));
        services.AddSingleton<MetricsAccess>();
        return services;
    }
}
