using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>The search index for the configured Storage:Provider, and its catch-up loop.</summary>
    public static IServiceCollection AddCitySearch(this IServiceCollection services)
    {
        services.TryAddSingleton<ISearchIndex>(sp =>
        {
            var contexts = sp.GetRequiredService<IDbContextFactory<CityMatrixDbContext>>();
            var writer = sp.GetRequiredService<IStorageWriter>();
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == StorageProvider.PostgreSql
                ? new PostgresSearchIndex(contexts, writer)
                : new SqliteSearchIndex(contexts, writer, new SqliteSearchFile(options.SqliteSearchPath));
        });
        services.AddHostedService<SearchCatchUpService>();
        return services;
    }
}
