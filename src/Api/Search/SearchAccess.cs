using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Search;
using CityMatrix.Silo.Users;

namespace CityMatrix.Api.Search;

/// <summary>
/// The signed-in user's <see cref="SearchScope"/>: <see cref="CaseAccess.CanRead"/>'s rule, turned into sets
/// the database can filter by. Admins see everything; staff the cases their accounts are involved in, and
/// as supervisors every case held by an account they supervise (<see cref="AccountDirectory.IsSupervisorOf"/>),
/// plus posts of no case; citizens their own cases and those cases' posts.
/// </summary>
public sealed class SearchAccess(AccountDirectory accounts)
{
    public SearchScope ScopeFor(ClaimsPrincipal user)
    {
        if (user.IsInRole(UserRole.Admin)) return SearchScope.All;
        if (user.IsInRole(UserRole.Officer) || user.IsInRole(UserRole.Supervisor))
        {
            var mine = user.AccountIds();
            if (!user.IsInRole(UserRole.Supervisor)) return SearchScope.Staff(mine, []);
            var supervisesAll = mine.Any(id => accounts.Find(id) is { Active: true, Kind: AccountKind.Manager or AccountKind.SuperSupervisor });
            if (supervisesAll) return SearchScope.Staff(mine, null);
            var supervised = accounts.All.Where(a => mine.Any(m => accounts.IsSupervisorOf(m, a.Id))).Select(a => a.Id).ToList();
            return SearchScope.Staff(mine, supervised);
        }
        if (user.IsInRole(UserRole.Citizen)) return SearchScope.Citizen(user.UserId());
        throw new SearchForbiddenException();
    }

    private sealed class SearchForbiddenException() : DomainException(DomainError.Forbidden, "Search is for staff, administrators and citizens.", null);
}
