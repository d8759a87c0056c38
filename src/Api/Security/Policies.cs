namespace CityMatrix.Api.Security;

public static class Policies
{
    public const string Admin = "admin";

    /// <summary>Officers and supervisors: people working for matrix accounts.</summary>
    public const string Staff = "staff";

    public const string Citizen = "citizen";

    /// <summary>Administrators, and supervisors working for the manager account (@问政银川): they run routing and time limits.</summary>
    public const string MatrixManager = "matrix-manager";

    /// <summary>Administrators, and supervisors working for a super-supervisor (@银川纪委, @微博银川) or the manager: they see the 问责 list.</summary>
    public const string Oversight = "oversight";
}
