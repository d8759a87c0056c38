using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CityMatrix.Api.Dashboards;

/// <summary>
/// The built dashboards on disk: one HTML file per page and the hashed assets. Resolved once at start-up;
/// when nothing is built, every page answers with a short Chinese notice saying how to build it.
/// </summary>
public sealed class DashboardFiles
{
    public DashboardFiles(IOptions<DashboardOptions> options)
    {
        Root = Resolve(options.Value.Root);
        Assets = Root is not null && Directory.Exists(Path.Combine(Root, "assets"))
            ? new PhysicalFileProvider(Path.Combine(Root, "assets"))
            : new NullFileProvider();
    }

    /// <summary>The folder with index.html, or null when the dashboards are not built.</summary>
    public string? Root { get; }

    public IFileProvider Assets { get; }

    /// <summary>The page's HTML file (e.g. "workbench.html"), or null when missing.</summary>
    public string? Page(string file)
    {
        if (Root is null) return null;
        var path = Path.Combine(Root, file);
        return File.Exists(path) ? path : null;
    }

    private static string? Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return HasIndex(configured) ? Path.GetFullPath(configured) : null;
        var beside = Path.Combine(AppContext.BaseDirectory, "dashboards");
        if (HasIndex(beside)) return beside;
        // Built from source (dotnet run, the tests): src/Api/bin/<configuration>/net10.0 → <repo>/dashboards/dist.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dist = Path.Combine(dir.FullName, "dashboards", "dist");
            if (HasIndex(dist)) return dist;
            if (File.Exists(Path.Combine(dir.FullName, "CityMatrix.sln"))) break;
        }
        return null;
    }

    private static bool HasIndex(string folder) => File.Exists(Path.Combine(folder, "index.html"));
}
