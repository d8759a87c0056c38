using System.Text.Json.Serialization;

namespace CityMatrix.Api.Infrastructure;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON conventions, ProblemDetails for every error, OpenAPI.</summary>
    public static IServiceCollection AddCityMatrixApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        // Let malformed bodies reach DomainExceptionHandler, which names the field at fault.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddOpenApi();
        return services;
    }
}
