using CityMatrix.Silo;
using CityMatrix.Silo.Accounts;
using CityMatrix.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Accounts;

public static class AccountEndpoints
{
    /// <summary>The account matrix: open to read; add, rename, move, deactivate for administrators.</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("accounts");

        accounts.MapGet("/", (AccountDirectory directory, AccountKind? kind, string? parentId, bool? active) =>
            TypedResults.Ok(directory.All
                .Where(a => kind is null || a.Kind == kind)
                .Where(a => parentId is null || a.ParentId == parentId)
                .Where(a => active is null || a.Active == active)
                .OrderBy(a => a.Kind).ThenBy(a => a.Id, StringComparer.Ordinal)
                .ToList()));

        accounts.MapGet("/{id}", Results<Ok<AccountState>, NotFound> (string id, AccountDirectory directory) =>
            directory.Find(id) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound());

        accounts.MapGet("/{id}/children", Results<Ok<IReadOnlyList<AccountState>>, NotFound> (string id, AccountDirectory directory) =>
            directory.Find(id) is null ? TypedResults.NotFound() : TypedResults.Ok(directory.ChildrenOf(id)));

        var admin = accounts.MapGroup("/").RequireAuthorization(Policies.Admin);

        admin.MapPost("/", async (AddAccountRequest request, AccountAdministration admin) =>
        {
            var account = await admin.AddAsync(new NewAccount(
                Required(request.Id, "id"),
                Required(request.DisplayName, "displayName"),
                request.Kind ?? throw new AccountRuleException(DomainError.Invalid, "kind is required.", "kind"),
                request.ParentId,
                request.BureauId,
                request.Jurisdiction ?? [],
                request.Competence ?? [],
                request.OfficialName));
            return TypedResults.Created($"/api/accounts/{account.Id}", account);
        });

        admin.MapPut("/{id}/display-name", async (string id, RenameAccountRequest request, AccountAdministration admin) =>
            TypedResults.Ok(await admin.RenameAsync(id, Required(request.DisplayName, "displayName"))));

        admin.MapPut("/{id}/parent", async (string id, MoveAccountRequest request, AccountAdministration admin) =>
            TypedResults.Ok(await admin.MoveAsync(id, Required(request.ParentId, "parentId"))));

        admin.MapPost("/{id}/deactivate", async (string id, AccountAdministration admin) =>
        {
            var (account, moved) = await admin.DeactivateAsync(id);
            return TypedResults.Ok(new DeactivationResult(account, moved));
        });

        admin.MapPost("/{id}/reactivate", async (string id, AccountAdministration admin) =>
            TypedResults.Ok(await admin.ReactivateAsync(id)));

        return app;
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new AccountRuleException(DomainError.Invalid, $"{field} is required.", field) : value;
}
