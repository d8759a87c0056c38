using CityMatrix.Silo.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Live metric counters (a case-write participant), their reads, rates and rankings.</summary>
    public static IServiceCollection AddCityMetrics(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseWriteParticipant, MetricCounterParticipant>());
        services.TryAddSingleton<MetricsStore>();
        services.TryAddSingleton<MetricsRecomputation>();
        services.TryAddSingleton<MetricsService>();
        services.TryAddSingleton<RankingService>();
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.Section)
            .Validate(o => o.IsValid(), $"{RankingOptions.Section}:Weights must name known rates ({string.Join(", ", MetricRates.Weighable.Keys)}) with weights ≥ 0 and a positive sum; MinimumReceived ≥ 0.")
            .ValidateOnStart();
        return services;
    }
}
