using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Routing;

/// <summary>
/// Picks the responsible account for (category, topic, region). Explicit rules first, the most specific
/// winning (a community rule beats a street rule beats a district rule beats a city-wide one; a topic
/// beats a category); then what the matrix itself says: an enterprise serving the place for that topic
/// (the heating company of that community), a bureau branch of the place's district, a city bureau, the
/// government account of the place; and @问政银川's triage when nothing fits.
/// </summary>
public sealed class Router(AccountDirectory accounts, RoutingRules rules, RegionDirectory regions)
{
    private Memo _memo = new(-1, null, new());

    /// <summary>
    /// The decision for (category, topic, place). Remembered until an account or a rule changes: every post asks,
    /// and the matrix walk looks at hundreds of accounts. A decision is filed under the account generation and rule
    /// list read BEFORE it was computed, so one computed across a change lands in the memo being discarded.
    /// </summary>
    public RouteDecision Route(string category, string? topic, string? regionCode)
    {
        var memo = _memo;
        var (generation, current) = (accounts.Generation, rules.Current);
        if (memo.Generation != generation || !ReferenceEquals(memo.Rules, current))
        {
            memo = new Memo(generation, current, new());
            _memo = memo;
        }
        var key = (category, topic, regionCode);
        if (memo.Decisions.TryGetValue(key, out var known)) return known;
        var chain = RegionChain(regionCode);
        var decision = FromRules(category, topic, chain)
            ?? FromMatrix(category, topic, chain)
            ?? Triage();
        memo.Decisions.TryAdd(key, decision);
        return decision;
    }

    private sealed record Memo(
        long Generation, IReadOnlyList<RoutingRule>? Rules, System.Collections.Concurrent.ConcurrentDictionary<(string, string?, string?), RouteDecision> Decisions);

    private RouteDecision Triage()
    {
        var manager = accounts.Manager ?? throw new InvalidOperationException("The matrix has no active manager account.");
        return new RouteDecision(manager.Id, "无匹配规则，进入@问政银川分拨", null, IsTriage: true);
    }

    /// <summary>The place and every region containing it, most specific first; empty when unknown.</summary>
    private IReadOnlyList<Region> RegionChain(string? regionCode) =>
        regionCode is not null && regions.TryGet(regionCode, out var region) ? [region, .. regions.Ancestors(regionCode)] : [];

    private RouteDecision? FromRules(string category, string? topic, IReadOnlyList<Region> chain)
    {
        RouteDecision? best = null;
        var bestScore = -1;
        foreach (var rule in rules.Current)
        {
            if (rule.Topic is not null && rule.Topic != topic) continue;
            if (rule.Category is not null && rule.Category != category) continue;
            var depth = rule.RegionCode is null ? 0 : Depth(chain, rule.RegionCode);
            if (depth < 0) continue;
            var target = rule.AccountId ?? Territorial(chain, rule.TerritorialLevel);
            if (target is null || !accounts.IsActive(target)) continue;
            var score = depth * 10 + (rule.Topic is not null ? 2 : rule.Category is not null ? 1 : 0);
            if (score <= bestScore) continue;
            bestScore = score;
            best = new RouteDecision(target, $"按规则转办：{rule.Note ?? rule.Id}", rule.Id, IsTriage: false);
        }
        return best;
    }

    /// <summary>How specific a rule's region is for this place: city 1 … community 4; -1 when it does not contain the place.</summary>
    private static int Depth(IReadOnlyList<Region> chain, string ruleRegion)
    {
        var match = chain.FirstOrDefault(r => r.Code == ruleRegion);
        return match is null ? -1 : (int)match.Level + 1;
    }

    private string? Territorial(IReadOnlyList<Region> chain, RegionLevel? level)
    {
        if (level is null) return null;
        var region = chain.FirstOrDefault(r => r.Level == level);
        return region is null ? null : GovernmentOf(region.Code)?.Id;
    }

    private RouteDecision? FromMatrix(string category, string? topic, IReadOnlyList<Region> chain)
    {
        var active = accounts.All.Where(a => a.Active).ToList();
        if (topic is not null)
        {
            foreach (var region in chain)
            {
                var enterprise = active.Where(a => a.Kind == AccountKind.Enterprise && a.Competence.Contains(topic) && a.Jurisdiction.Contains(region.Code))
                    .OrderBy(a => a.Competence.Count).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
                if (enterprise is not null) return Matrix(enterprise, $"{topic}：服务区域企业");
            }
            var district = chain.FirstOrDefault(r => r.Level == RegionLevel.District);
            var branch = district is null ? null : active
                .Where(a => a.Kind == AccountKind.BureauBranch && a.Competence.Contains(topic) && a.Jurisdiction.Contains(district.Code))
                .OrderBy(a => a.Competence.Count).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
            if (branch is not null) return Matrix(branch, $"{topic}：属地分局");
            var cityWide = active
                .Where(a => a.Kind is AccountKind.Enterprise or AccountKind.CityBureau && a.Competence.Contains(topic) && a.Jurisdiction.Contains("6401"))
                .OrderBy(a => a.Kind == AccountKind.Enterprise ? 0 : 1).ThenBy(a => a.Competence.Count).ThenBy(a => a.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (cityWide is not null) return Matrix(cityWide, $"{topic}：主管单位");
        }
        foreach (var region in chain.Where(r => r.Level != RegionLevel.City))
        {
            var government = GovernmentOf(region.Code);
            if (government is not null && (government.Competence.Count == 0 || government.Competence.Contains(category)))
                return Matrix(government, "属地管理");
        }
        return null;
    }

    private AccountState? GovernmentOf(string regionCode) =>
        accounts.All.FirstOrDefault(a => a.Active && a.Kind is AccountKind.Community or AccountKind.Street or AccountKind.DistrictGovernment
            && a.Jurisdiction.Contains(regionCode));

    private static RouteDecision Matrix(AccountState account, string why) => new(account.Id, $"自动转办（{why}）", null, IsTriage: false);
}
