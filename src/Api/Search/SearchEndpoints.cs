using System.Security.Claims;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Search;

namespace CityMatrix.Api.Search;

public static class SearchEndpoints
{
    /// <summary>GET /api/search: full-text over posts and cases, within what the signed-in user may read.</summary>
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async (HttpContext http, ClaimsPrincipal user, ISearchIndex index, AccountDirectory accounts, CancellationToken cancellationToken) =>
            {
                var scope = new SearchAccess(accounts).ScopeFor(user);
                var request = SearchParameters.Parse(http.Request.Query, accounts);
                return TypedResults.Ok(SearchView.From(await index.SearchAsync(request, scope, cancellationToken)));
            })
            .WithTags("search")
            .RequireAuthorization();
        return app;
    }
}
