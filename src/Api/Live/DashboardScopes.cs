using System.Collections.Concurrent;
using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Live;
using CityMatrix.Silo.Users;

namespace CityMatrix.Api.Live;

/// <summary>
/// Whose events a dashboard user sees, by <see cref="CaseAccess"/>'s rule: administrators everything;
/// supervisors their accounts and every account they supervise (<see cref="AccountDirectory.IsSupervisorOf"/>;
/// the manager and super-supervisors supervise everything); officers their accounts. Users with the same
/// role and accounts share one <see cref="LiveScope"/>, computed once per matrix change (the directory's
/// <see cref="AccountDirectory.Generation"/>): a district supervisor's subtree is walked once, not per event.
/// </summary>
public sealed class DashboardScopes(AccountDirectory accounts)
{
    private readonly ConcurrentDictionary<string, (long Generation, LiveScope Scope)> _scopes = new(StringComparer.Ordinal);

    /// <summary>"*" for administrators, "s:a,b" for supervisors, "o:a,b" for officers; null for everyone else.</summary>
    public static string? KeyFor(ClaimsPrincipal user)
    {
        if (user.IsInRole(UserRole.Admin)) return "*";
        var mine = string.Join(',', user.AccountIds().Order(StringComparer.Ordinal));
        if (user.IsInRole(UserRole.Supervisor)) return "s:" + mine;
        if (user.IsInRole(UserRole.Officer)) return "o:" + mine;
        return null;
    }

    public LiveScope Get(string key)
    {
        var generation = accounts.Generation;
        if (_scopes.TryGetValue(key, out var cached) && cached.Generation == generation) return cached.Scope;
        var scope = Build(key);
        _scopes[key] = (generation, scope);
        return scope;
    }

    private LiveScope Build(string key)
    {
        if (key == "*") return LiveScope.Everything;
        var mine = key[2..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!key.StartsWith("s:", StringComparison.Ordinal)) return LiveScope.Of(mine);
        if (mine.Any(id => accounts.Find(id) is { Active: true, Kind: AccountKind.Manager or AccountKind.SuperSupervisor })) return LiveScope.Everything;
        var supervised = accounts.All.Where(a => mine.Any(m => accounts.IsSupervisorOf(m, a.Id))).Select(a => a.Id);
        return LiveScope.Of(mine.Concat(supervised));
    }
}
