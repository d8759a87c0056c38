using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Users;

namespace CityMatrix.Api.Metrics;

/// <summary>
/// Whose figures a user may read: administrators every account's; supervisors those of their accounts'
/// subtrees (<see cref="AccountDirectory.SubtreeOf"/>), rolled up or one by one; officers their own
/// accounts' (never rolled up); citizens and other roles none (the policy already turns them away).
/// </summary>
public sealed class MetricsAccess(AccountDirectory accounts, MetricsService metrics)
{
    /// <summary>The accounts whose figures the user may see; null means all.</summary>
    public IReadOnlySet<string>? Visible(ClaimsPrincipal user)
    {
        if (user.IsInRole(UserRole.Admin)) return null;
        var mine = user.AccountIds();
        if (user.IsInRole(UserRole.Supervisor))
        {
            var visible = mine.SelectMany(accounts.SubtreeOf).ToHashSet(StringComparer.Ordinal);
            return visible.Count >= accounts.All.Count ? null : visible;
        }
        if (user.IsInRole(UserRole.Officer)) return mine.ToHashSet(StringComparer.Ordinal);
        throw Forbidden("accountId", "Metrics are for staff and administrators.");
    }

    /// <summary>The accounts to sum for one account's report (it alone, or its subtree), if the user may read it.</summary>
    public IReadOnlySet<string> ForAccount(ClaimsPrincipal user, string accountId, bool subtree)
    {
        var scope = metrics.ScopeOf(accountId, subtree);
        RequireVisible(user, accountId);
        if (subtree && !user.IsInRole(UserRole.Admin) && !user.IsInRole(UserRole.Supervisor))
            throw Forbidden("subtree", "Only supervisors see figures rolled up over a subtree.");
        return scope;
    }

    /// <summary>
    /// The scope of tiles, trends and breakdowns: the named account (with its subtree, for supervisors and
    /// administrators), or by default everything the user may see.
    /// </summary>
    public IReadOnlySet<string>? Scope(ClaimsPrincipal user, string? accountId)
    {
        if (accountId is null)
        {
            var visible = Visible(user);
            if (visible is { Count: 0 }) throw Forbidden("accountId", "You work for no account.");
            return visible;
        }
        var rollUp = user.IsInRole(UserRole.Admin) || user.IsInRole(UserRole.Supervisor);
        var scope = metrics.ScopeOf(accountId, rollUp);
        RequireVisible(user, accountId);
        return scope;
    }

    private void RequireVisible(ClaimsPrincipal user, string accountId)
    {
        if (Visible(user) is { } visible && !visible.Contains(accountId))
            throw Forbidden("accountId", $"Account '{accountId}' is outside your accounts.");
    }

    private static MetricsRequestException Forbidden(string field, string message) => new(DomainError.Forbidden, message, field);
}
