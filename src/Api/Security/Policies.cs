namespace CityMatrix.Api.Security;

public static class Policies
{
    public const string Admin = "admin";

    /// <summary>Officers and supervisors: people working for matrix accounts.</summary>
    public const string Staff = "staff";

    public const string Citizen = "citizen";

    /// <summary>Senders of regional emergency alerts.</summary>
    public const string Broadcaster = "broadcaster";
    /// <summary>Live dashboards (/hubs/dashboard): administrators, supervisors and officers.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Administrators, and supervisors working for the manager account (@问政银川): they run routing and time limits.</summary>
    public const string MatrixManager = "matrix-manager";

    /// <summary>Rates and rankings: administrators, supervisors and officers (which accounts: MetricsAccess).</summary>
    public const string Metrics = "metrics";
    /// <summary>Administrators and supervisors: surges and hotspots (aggregate counts, no case content).</summary>
    public const string Supervision = "supervision";

    /// <summary>Administrators, and supervisors working for a super-supervisor (@银川纪委, @微博银川) or the manager: they see the 问责 list.</summary>
    public const string Oversight = "oversight";
}
