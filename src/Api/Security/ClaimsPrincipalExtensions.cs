using System.Security.Claims;

namespace CityMatrix.Api.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>One claim per matrix account the user works for.</summary>
    public const string AccountClaim = "cm:account";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no id claim.");

    public static IReadOnlyList<string> AccountIds(this ClaimsPrincipal user) =>
        user.FindAll(AccountClaim).Select(c => c.Value).ToList();

    public static bool WorksFor(this ClaimsPrincipal user, string accountId) => user.HasClaim(AccountClaim, accountId);
}
