using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The NDJSON replayer and the demo stream (idle unless Demo:Stream=true).</summary>
    public static IServiceCollection AddDemoStream(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate(o => o.PostsPerMinute > 0 && o.AnswerEvery >= 0, "Demo: PostsPerMinute > 0, AnswerEvery ≥ 0.");
        services.TryAddSingleton<PostReplayer>();
        services.TryAddSingleton<DemoStream>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoStream>());
        return services;
    }
}
