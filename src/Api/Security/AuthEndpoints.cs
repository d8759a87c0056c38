using System.Security.Claims;
using CityMatrix.Silo;
using CityMatrix.Silo.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMatrix.Api.Security;

public static class AuthEndpoints
{
    /// <summary>POST /api/auth/login → bearer token; GET /api/auth/me; user administration for admins.</summary>
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", async Task<Results<SignInHttpResult, ProblemHttpResult>> (LoginRequest request, UserDirectory users) =>
        {
            if (string.IsNullOrWhiteSpace(request.Username)) throw new UserRuleException(DomainError.Invalid, "username is required.", "username");
            if (string.IsNullOrEmpty(request.Password)) throw new UserRuleException(DomainError.Invalid, "password is required.", "password");
            var user = await users.CheckPasswordAsync(request.Username, request.Password);
            if (user is null) return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized);
            return TypedResults.SignIn(PrincipalOf(user), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
        }).WithTags("auth").AllowAnonymous();

        app.MapGet("/api/auth/me", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            id = user.UserId(),
            name = user.Identity!.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            accountIds = user.AccountIds(),
        })).WithTags("auth").RequireAuthorization();

        var admin = app.MapGroup("/api/users").WithTags("users").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (UserDirectory users) => TypedResults.Ok((await users.ListAsync()).Select(ViewOf)));
        admin.MapPost("/", async (CreateUserRequest request, UserDirectory users) =>
        {
            var user = await users.CreateAsync(new NewUser(request.Id, request.DisplayName, request.Password, request.Roles ?? [], request.AccountIds ?? []));
            return TypedResults.Created($"/api/users/{user.Id}", ViewOf(user));
        });
        return app;
    }

    private static UserView ViewOf(UserRecord user) => new(user.Id, user.DisplayName, user.Roles, user.AccountIds, user.Active);

    private static ClaimsPrincipal PrincipalOf(UserRecord user)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.DisplayName) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(user.AccountIds.Select(a => new Claim(ClaimsPrincipalExtensions.AccountClaim, a)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, BearerTokenDefaults.AuthenticationScheme));
    }
}
