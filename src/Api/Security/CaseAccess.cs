using System.Security.Claims;
using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Users;

namespace CityMatrix.Api.Security;

/// <summary>
/// Who may see and act on a case. Officers see cases their accounts are involved in; supervisors also
/// everything held below their accounts (either chain); citizens their own cases; admins everything.
/// Every case endpoint goes through here, so the rule is one piece of code.
/// </summary>
public sealed class CaseAccess(AccountDirectory accounts)
{
    /// <summary>The account the user acts for: the one named (must be his), or his only one.</summary>
    public CaseActor ActorFor(ClaimsPrincipal user, string? actingAccountId)
    {
        var mine = user.AccountIds();
        var account = actingAccountId ?? (mine.Count == 1 ? mine[0] : null)
            ?? throw new CaseRuleException(DomainError.Invalid, "Name the account you act for (actingAccountId).", "actingAccountId");
        if (!user.WorksFor(account))
            throw new CaseRuleException(DomainError.Forbidden, $"You do not work for account '{account}'.", "actingAccountId");
        return new CaseActor(account, user.UserId());
    }

    public static CaseActor CitizenActor(ClaimsPrincipal user) => CaseActor.Citizen(user.UserId());

    public bool CanRead(ClaimsPrincipal user, CaseState @case)
    {
        if (user.IsInRole(UserRole.Admin)) return true;
        if (user.IsInRole(UserRole.Citizen) && @case.CitizenId == user.UserId()) return true;
        var supervisor = user.IsInRole(UserRole.Supervisor);
        return user.AccountIds().Any(account => IsInvolved(account, @case) || (supervisor && accounts.IsSupervisorOf(account, @case.AccountId)));
    }

    public void RequireRead(ClaimsPrincipal user, CaseState @case)
    {
        if (!CanRead(user, @case)) throw new CaseRuleException(DomainError.Forbidden, "This case is outside your accounts.", "caseId");
    }

    private static bool IsInvolved(string account, CaseState @case) =>
        @case.AccountId == account || @case.AnswerableAccountId == account || @case.FirstReceiverId == account || @case.ReceivedById == account
        || @case.Timeline.Any(e => e.ActorAccountId == account || e.TargetAccountId == account);
}
