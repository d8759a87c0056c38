using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Alerts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Demo;
using CityMatrix.Silo.Grains;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Outbound;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Routing;
using CityMatrix.Silo.Search;
using CityMatrix.Silo.Seed;
using CityMatrix.Silo.Reports;
using CityMatrix.Silo.Sla;
using CityMatrix.Silo.Surges;
using CityMatrix.Silo.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityMatrix.Silo;

public static class SiloServiceCollectionExtensions
{
    /// <summary>The silo hosted in-process: grain runtime, account and case grains, storage, start-up initialisation.</summary>
    public static IServiceCollection AddCitySilo(this IServiceCollection services)
    {
        services.AddGrainHost();
        services.AddCityMatrixStorage();
        services.AddGrain<IAccountGrain, AccountGrain>();
        services.AddGrain<ICaseGrain, CaseGrain>();
        services.TryAddSingleton<AccountDirectory>();
        services.TryAddSingleton<SiloReadiness>();
        services.TryAddSingleton<AccountAdministration>();
        services.TryAddSingleton<CaseService>();
        services.TryAddSingleton<CaseQueries>();
        services.TryAddSingleton<CitizenCaseQueries>();
        services.TryAddSingleton<Live.LocalLiveEventPublisher>();
        services.TryAddSingleton<Live.ILiveEventPublisher>(sp => sp.GetRequiredService<Live.LocalLiveEventPublisher>());
        services.AddLiveEvents(); // issue 5: numbered case events, dashboards' feed, fan-out between processes
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<UserSeeder>();
        services.TryAddSingleton<DatabaseXmlRepository>();
        services.TryAddSingleton<Audit.AuditLog>();
        services.TryAddSingleton(_ => RegionDirectory.Load());
        services.TryAddSingleton<RoutingRules>();
        services.TryAddSingleton<Router>();
        services.TryAddSingleton<SlaTemplates>();
        services.TryAddSingleton<CaseDispatcher>();
        services.TryAddSingleton<PostStore>();
        services.TryAddSingleton<IPostAnalyzer, NlpPostAnalyzer>();
        services.TryAddSingleton<PostIngestion>();
        services.TryAddSingleton<PostBatchIngestion>();
        services.TryAddSingleton<PostIngestionQueue>();
        services.AddRegionalAlerts(); // issue 6: regional emergency push
        services.AddCitySearch();
        services.AddOutbound();
        services.AddDemoStream();
        services.AddCityMetrics(); // issue 5: rates and rankings
        services.AddSurges(); // issue 5: surges and hotspots
        services.AddReports();
        services.AddSlaClocks(); // issue 5: SLA clocks, 督办 escalation (Quartz)
        // Registered first so that storage is ready before anything else starts.
        services.Insert(0, ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StorageInitializer>());
        return services;
    }
}
