using Microsoft.AspNetCore.StaticFiles;

namespace CityMatrix.Api.Dashboards;

public static class DashboardEndpoints
{
    /// <summary>Each page's address and its HTML file; a page's deeper paths (/workbench/…) load the same file.</summary>
    public static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>
    {
        ["/"] = "index.html",
        ["/workbench"] = "workbench.html",
        ["/console"] = "console.html",
        ["/citizen"] = "citizen.html",
        ["/screen"] = "screen.html",
    };

    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddSingleton<DashboardFiles>();
        services.AddSingleton<Geo.RegionGeoJson>();
        return services;
    }

    /// <summary>/assets/*: the hashed bundles, cached for a year (a new build has new names).</summary>
    public static IApplicationBuilder UseDashboardAssets(this IApplicationBuilder app)
    {
        var files = app.ApplicationServices.GetRequiredService<DashboardFiles>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/assets",
            FileProvider = files.Assets,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
    }

    /// <summary>The pages: public HTML shells (the data behind them needs sign-in), never cached so a new build shows at once.</summary>
    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        foreach (var (route, file) in Pages)
        {
            var pattern = route == "/" ? "/" : route + "/{**path}";
            app.MapGet(pattern, (HttpContext http, DashboardFiles files) =>
            {
                http.Response.Headers.CacheControl = "no-cache";
                return files.Page(file) is { } path
                    ? Results.File(path, "text/html; charset=utf-8")
                    : Results.Content(NotBuilt, "text/html; charset=utf-8");
            }).WithTags("dashboards").AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }

    private const string NotBuilt = """
        <!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>CityMatrix</title>
        <body style="font-family:sans-serif;padding:2em"><h1>界面尚未构建</h1>
        <p>请用 <code>bash scripts/run.sh</code> 启动服务器：它会先构建 dashboards/ 中的前端。</p>
        <p>接口照常可用：<a href="/openapi/v1.json">/openapi/v1.json</a>。</p></body></html>
        """;
}
