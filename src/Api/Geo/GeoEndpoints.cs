using CityMatrix.Silo.Seed;

namespace CityMatrix.Api.Geo;

public static class GeoEndpoints
{
    /// <summary>
    /// Public geography for the dashboards' offline maps and pickers: GET /api/regions (the gazetteer:
    /// code, name, level, parent of every city, district, street and community code) and
    /// GET /api/geo/regions (the approximate shapes as GeoJSON). Anonymous: it is the city's public map.
    /// </summary>
    public static IEndpointRouteBuilder MapGeo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions", (RegionDirectory regions) => TypedResults.Ok(regions.All
                .OrderBy(r => r.Code.Length).ThenBy(r => r.Code, StringComparer.Ordinal)
                .Select(r => new { code = r.Code, name = r.Name, level = r.Level.ToString().ToLowerInvariant(), parentCode = r.ParentCode })))
            .WithTags("geo").AllowAnonymous();

        app.MapGet("/api/geo/regions", (HttpContext http, RegionGeoJson shapes) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return TypedResults.Json(shapes.Collection, contentType: "application/geo+json");
            })
            .WithTags("geo").AllowAnonymous();
        return app;
    }
}
