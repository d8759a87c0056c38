using CityMatrix.Silo.Alerts.Cap;

namespace CityMatrix.Silo.Alerts.Delivery;

/// <summary>
/// Who may receive an alert regardless of where they are. Status: Actual reaches everyone; Test,
/// Exercise and System reach only clients that declared themselves test clients; Draft reaches nobody.
/// Scope: Public everyone; Restricted only signed-in staff (admin, supervisor, officer, broadcaster);
/// Private only the user ids listed in addresses.
/// </summary>
public sealed class AlertAudience
{
    private static readonly string[] StaffRoles = ["admin", "supervisor", "officer", "broadcaster"];
    private readonly string? _status;
    private readonly string? _scope;
    private readonly HashSet<string> _addresses;

    public AlertAudience(CapAlert alert)
    {
        _status = alert.Status;
        _scope = alert.Scope;
        _addresses = new HashSet<string>(SplitAddresses(alert.Addresses), StringComparer.Ordinal);
    }

    public bool Admits(ConnectedClient client)
    {
        var byStatus = _status switch
        {
            "Actual" => true,
            "Test" or "Exercise" or "System" => client.IsTest,
            _ => false,
        };
        return byStatus && _scope switch
        {
            "Public" => true,
            "Restricted" => StaffRoles.Any(client.Roles.Contains),
            "Private" => client.UserId is not null && _addresses.Contains(client.UserId),
            _ => false,
        };
    }

    /// <summary>CAP addresses: space-separated, an address containing spaces in double quotes.</summary>
    public static IEnumerable<string> SplitAddresses(string? addresses)
    {
        if (string.IsNullOrWhiteSpace(addresses)) yield break;
        var parts = addresses.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                if (parts[i].Length > 0) yield return parts[i];
                continue;
            }
            foreach (var word in parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) yield return word;
        }
    }
}
