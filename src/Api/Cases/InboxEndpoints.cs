using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Cases;

public static class InboxEndpoints
{
    /// <summary>
    /// GET /api/inbox: the cases waiting for the officer's accounts (or, for supervisors, their subtree), earliest
    /// deadline first. accountId narrows it to one account: one the user works for, or, for a supervisor, any account
    /// below his (the big screen's drill-down into a unit).
    /// </summary>
    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/inbox", async (ClaimsPrincipal user, AccountDirectory accounts, CaseQueries queries, TimeProvider time, Silo.Sla.SlaClocks clocks,
            string? accountId, string? scope, string? state, DateTimeOffset? dueBefore, string? topic, string? region, int? limit, int? offset) =>
        {
            var mine = accountId is null ? user.AccountIds() : [accountId];
            if (accountId is not null && !user.WorksFor(accountId) && !Supervises(user, accounts, accountId))
                throw new CaseRuleException(DomainError.Forbidden, $"Account '{accountId}' is neither yours nor below yours.", "accountId");
            var held = scope switch
            {
                null or "own" => mine.ToHashSet(),
                "subtree" when user.IsInRole(Silo.Users.UserRole.Supervisor) => mine.SelectMany(accounts.SubtreeOf).ToHashSet(),
                "subtree" => throw new CaseRuleException(DomainError.Forbidden, "Only supervisors see their subtree.", "scope"),
                _ => throw Invalid("scope", "scope is own or subtree."),
            };
            var states = state?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Enum.TryParse<CaseStatus>(s, ignoreCase: true, out var parsed) ? parsed : throw Invalid("state", $"Unknown state '{s}'."))
                .ToList();
            if (limit is < 1 or > 200) throw Invalid("limit", "limit is 1 to 200.");
            if (offset is < 0) throw Invalid("offset", "offset is 0 or more.");
            var page = await queries.InboxAsync(new InboxQuery(held, states, dueBefore, topic, region, limit ?? 50, offset ?? 0));
            var now = time.GetUtcNow();
            return TypedResults.Ok(new { total = page.Total, items = page.Cases.Select(c => CaseSummary.From(c, now, clocks)) });
        }).WithTags("cases").RequireAuthorization(Policies.Staff);
        return app;
    }

    private static bool Supervises(ClaimsPrincipal user, AccountDirectory accounts, string accountId) =>
        user.IsInRole(Silo.Users.UserRole.Supervisor) && user.AccountIds().Any(mine => accounts.IsSupervisorOf(mine, accountId));

    private static CaseRuleException Invalid(string field, string message) => new(DomainError.Invalid, message, field);
}
