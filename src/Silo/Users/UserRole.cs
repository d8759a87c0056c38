namespace CityMatrix.Silo.Users;

/// <summary>Role names as they appear in role claims.</summary>
public static class UserRole
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Officer = "officer";
    public const string Broadcaster = "broadcaster";
    public const string Citizen = "citizen";

    /// <summary>A platform connector: delivers posts from Weibo and the like.</summary>
    public const string Connector = "connector";

    public static readonly IReadOnlyList<string> All = [Admin, Supervisor, Officer, Broadcaster, Citizen, Connector];
}
