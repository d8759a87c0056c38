namespace CityMatrix.Silo.Users;

/// <summary>A person who signs in: an administrator, an officer or supervisor of accounts, a broadcaster, a citizen.</summary>
public sealed class UserRecord
{
    /// <summary>The sign-in name (lower case); also the user id in claims and on case timelines.</summary>
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public List<string> Roles { get; set; } = [];

    /// <summary>The matrix accounts this user works for (officers, supervisors, broadcasters).</summary>
    public List<string> AccountIds { get; set; } = [];
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
