namespace CityMatrix.Api.Dashboards;

/// <summary>Where the built dashboards (dashboards/dist, made by scripts/build-dashboards.sh) are served from.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>
    /// The folder holding index.html and assets/. When unset: "dashboards" beside the server binaries
    /// (a published copy), else dashboards/dist of the source tree the binaries were built in.
    /// </summary>
    public string? Root { get; set; }
}
