using System.Security.Claims;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Targeting;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;
using NetTopologySuite.Geometries;

namespace CityMatrix.Silo.Alerts;

/// <summary>
/// Who may send an alert: a signed-in user with role broadcaster, for an account named in one of their
/// "cm:account" claims, and only inside that account's jurisdiction (its region codes; "6401" is the whole
/// city). Region codes must lie within a jurisdiction code; polygons and circles must lie within the
/// jurisdiction's approximate shape, give or take <see cref="ToleranceDegrees"/> for the approximation.
/// </summary>
public sealed class AlertSenderAuthorization(AccountDirectory accounts, RegionDirectory regions, RegionGeometry geometry)
{
    public const string AccountClaim = "cm:account";
    public const string BroadcasterRole = "broadcaster";

    /// <summary>About 1 km: region shapes are approximate, so a polygon may overhang its district a little.</summary>
    public const double ToleranceDegrees = 0.01;

    /// <summary>The account the user sends for: the one asked for, or their only account. Throws 403/400/404.</summary>
    public AccountState SendingAccount(ClaimsPrincipal user, string? requestedAccountId)
    {
        if (user.Identity?.IsAuthenticated != true || UserIdOf(user) is null)
            throw new AlertRuleException(DomainError.Forbidden, "Sign in as a broadcaster to send alerts.", "user");
        if (!user.IsInRole(BroadcasterRole) && !user.FindAll(ClaimTypes.Role).Any(c => c.Value == BroadcasterRole))
            throw new AlertRuleException(DomainError.Forbidden, "Only broadcaster users may send alerts.", "user");
        var mine = user.FindAll(AccountClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var accountId = requestedAccountId;
        if (string.IsNullOrWhiteSpace(accountId))
        {
            accountId = mine.Count == 1 ? mine[0]
                : throw new AlertRuleException(DomainError.Invalid, "Name the account to send for (?account=...): you act for several or none.", "account");
        }
        if (!mine.Contains(accountId))
            throw new AlertRuleException(DomainError.Forbidden, $"You do not act for account {accountId}.", "account");
        var account = accounts.Find(accountId) ?? throw new AlertRuleException(DomainError.NotFound, $"Account {accountId} does not exist.", "account");
        if (!account.Active) throw new AlertRuleException(DomainError.Forbidden, $"Account {accountId} is deactivated.", "account");
        if (account.Jurisdiction.Count == 0) throw new AlertRuleException(DomainError.Forbidden, $"Account {accountId} has no jurisdiction to alert.", "account");
        return account;
    }

    /// <summary>Throws 403 naming the first area outside the account's jurisdiction.</summary>
    public void CheckJurisdiction(AccountState account, CapAlert alert)
    {
        var allowed = AllowedShape(account);
        for (var i = 0; i < alert.Info.Count; i++)
        {
            for (var a = 0; a < alert.Info[i].Area.Count; a++)
            {
                var path = $"info[{i}].area[{a}]";
                var area = alert.Info[i].Area[a];
                foreach (var value in area.Geocode.Select(g => g.Value))
                {
                    if (geometry.Canonical(value) is not { } code) continue;
                    if (!account.Jurisdiction.Any(j => regions.IsWithin(code, j)))
                        throw Outside(account, $"{path}.geocode", $"region {code}");
                }
                var drawn = AlertFootprint.Build(new CapAlert { Info = [new CapInfo { Area = [new CapArea { Polygon = area.Polygon, Circle = area.Circle }] }] }, regions, geometry);
                foreach (var shape in drawn.DrawnShapes)
                {
                    if (allowed is null || !allowed.Covers(shape.Approximation))
                        throw Outside(account, path, "this polygon or circle");
                }
            }
        }
    }

    public static string? UserIdOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    private Geometry? AllowedShape(AccountState account)
    {
        var shapes = account.Jurisdiction.Select(geometry.ShapeOf).OfType<Geometry>().ToList();
        return shapes.Count == 0 ? null : RegionGeometry.Factory.BuildGeometry(shapes).Union().Buffer(ToleranceDegrees);
    }

    private static AlertRuleException Outside(AccountState account, string field, string what) =>
        new(DomainError.Forbidden, $"{what} is outside the jurisdiction of {account.DisplayName} ({string.Join(", ", account.Jurisdiction)}).", field);
}
