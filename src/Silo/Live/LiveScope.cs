using System.Collections.Frozen;

namespace CityMatrix.Silo.Live;

/// <summary>
/// The accounts whose events a dashboard user sees (his own accounts and every account he supervises),
/// or everything (administrators, the manager, super-supervisors). Built once per distinct set of
/// accounts and shared by all connections with that set.
/// </summary>
public sealed class LiveScope
{
    private LiveScope(FrozenSet<string>? accounts) => Accounts = accounts;

    public static LiveScope Everything { get; } = new(null);

    public static LiveScope Of(IEnumerable<string> accounts) => new(accounts.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Null for everything.</summary>
    public IReadOnlySet<string>? Accounts { get; }

    public bool IsEverything => Accounts is null;

    /// <summary>An event with no accounts is for every dashboard user; otherwise one of its accounts must be in scope.</summary>
    public bool Sees(LiveEvent liveEvent)
    {
        if (Accounts is null || liveEvent.AccountIds.Count == 0) return true;
        foreach (var account in liveEvent.AccountIds)
        {
            if (Accounts.Contains(account)) return true;
        }
        return false;
    }
}
