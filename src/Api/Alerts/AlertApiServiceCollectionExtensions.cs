using CityMatrix.Silo.Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Api.Alerts;

public static class AlertApiServiceCollectionExtensions
{
    /// <summary>SignalR, the hub-backed push channel and the fault handler for invalid alerts.</summary>
    public static IServiceCollection AddAlertsApi(this IServiceCollection services)
    {
        services.AddSignalR(options => options.EnableDetailedErrors = false);
        services.Replace(ServiceDescriptor.Singleton<IAlertPushChannel, SignalRAlertPushChannel>());
        services.AddExceptionHandler<AlertFaultsExceptionHandler>();
        return services;
    }
}
