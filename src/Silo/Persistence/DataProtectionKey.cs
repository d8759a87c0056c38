namespace CityMatrix.Silo.Persistence;

/// <summary>An ASP.NET Core data-protection key ring element, shared by every server process on the database.</summary>
public sealed class DataProtectionKey
{
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
