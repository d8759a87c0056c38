namespace CityMatrix.Api.Live;

/// <summary>One dashboard connection. The mutable fields are read and written only by <see cref="DashboardPushService"/>'s loop.</summary>
public sealed class DashboardConnection(string id, string scopeKey)
{
    public string Id { get; } = id;

    public string ScopeKey { get; } = scopeKey;

    /// <summary>Null until Subscribe; then case events numbered after it are pushed live.</summary>
    public long? LiveFrom { get; set; }

    /// <summary>The client already has every case event up to here (it said so): never push those again.</summary>
    public long Floor { get; set; }
}
