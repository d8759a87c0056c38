namespace CityMatrix.Silo.Users;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Create the demo users of the README (embedded default and Development only).</summary>
    public bool DemoUsers { get; set; }

    /// <summary>When set and no user exists yet, an "admin" user with this password is created at start-up.</summary>
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>How long a bearer token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
