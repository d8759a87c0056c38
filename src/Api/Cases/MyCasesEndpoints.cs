using System.Security.Claims;
using CityMatrix.Api.Security;
using CityMatrix.Silo;
using CityMatrix.Silo.Cases;

namespace CityMatrix.Api.Cases;

public static class MyCasesEndpoints
{
    /// <summary>GET /api/my/cases?limit=: the signed-in citizen's own cases, newest first (the citizen page).</summary>
    public static IEndpointRouteBuilder MapMyCases(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/my/cases", async (ClaimsPrincipal user, CitizenCaseQueries queries, int? limit, CancellationToken cancellationToken) =>
            {
                if (limit is < 1 or > CitizenCaseQueries.MaxLimit)
                    throw new CaseRuleException(DomainError.Invalid, $"limit is 1 to {CitizenCaseQueries.MaxLimit}.", "limit");
                var cases = await queries.OfCitizenAsync(user.UserId(), limit ?? 20, cancellationToken);
                return TypedResults.Ok(cases.Select(c => CaseView.From(c)));
            })
            .WithTags("cases")
            .RequireAuthorization(Policies.Citizen);
        return app;
    }
}
