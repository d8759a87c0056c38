using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo.Grains;

public static class GrainHostServiceCollectionExtensions
{
    /// <summary>Adds the grain runtime (host, collector) with options from the "Grains" section.</summary>
    public static IServiceCollection AddGrainHost(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GrainHostOptions>().BindConfiguration(GrainHostOptions.Section);
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<GrainHost>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainHost>());
        services.AddHostedService<GrainCollectorService>();
        return services;
    }

    public static IServiceCollection AddGrain<TGrainInterface, TGrain>(this IServiceCollection services)
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        services.TryAddSingleton<GrainTypeRegistry>();
        services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return services;
    }
}
