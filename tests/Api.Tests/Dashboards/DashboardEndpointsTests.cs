using System.Net;
using CityMatrix.Api.Dashboards;
using CityMatrix.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CityMatrix.Api.Tests.Dashboards;

/// <summary>The pages and bundles of dashboards/dist as the server serves them.</summary>
public sealed class DashboardEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "citymatrix-dashboards", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Every_page_is_html_without_sign_in_never_cached_and_its_deep_links_load_the_same_page()
    {
        using var anonymous = fixture.App.CreateClient();
        foreach (var route in DashboardEndpoints.Pages.Keys)
        {
            var page = await anonymous.GetAsync(route);
            page.StatusCode.ShouldBe(HttpStatusCode.OK, route);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", route);
            page.Headers.CacheControl!.NoCache.ShouldBeTrue(route);
            if (route == "/") continue;
            var deep = await anonymous.GetStringAsync($"{route}/YC20260101-ABCDEFGHJK");
            deep.ShouldBe(await page.Content.ReadAsStringAsync(), route);
        }
    }

    [Fact]
    public void The_configured_folder_serves_its_pages_and_hashed_assets_and_a_missing_build_serves_nothing()
    {
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "index.html"), "<!doctype html><title>CityMatrix</title>");
        File.WriteAllText(Path.Combine(_root, "assets", "workbench-abc123.js"), "export {};");

        var built = new DashboardFiles(Options.Create(new DashboardOptions { Root = _root }));
        var missing = new DashboardFiles(Options.Create(new DashboardOptions { Root = Path.Combine(_root, "nothing-here") }));

        built.Root.ShouldBe(Path.GetFullPath(_root));
        built.Page("index.html").ShouldBe(Path.Combine(Path.GetFullPath(_root), "index.html"));
        built.Page("workbench.html").ShouldBeNull();
        built.Assets.GetFileInfo("workbench-abc123.js").Exists.ShouldBeTrue();
        missing.Root.ShouldBeNull();
        missing.Page("index.html").ShouldBeNull();
        missing.Assets.GetFileInfo("workbench-abc123.js").Exists.ShouldBeFalse();
    }
}
