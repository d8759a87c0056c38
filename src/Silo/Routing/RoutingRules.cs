using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Seed;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Routing;

/// <summary>The editable routing rules: stored in the database, read from a copy-on-write snapshot on the hot path.</summary>
public sealed class RoutingRules(IDbContextFactory<CityMatrixDbContext> contexts, AccountDirectory accounts, RegionDirectory regions, TimeProvider time)
{
    private IReadOnlyList<RoutingRule> _current = [];

    public IReadOnlyList<RoutingRule> Current => _current;

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _current = await db.RoutingRules.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<RoutingRule> AddAsync(RoutingRule rule, string createdBy)
    {
        Validate(rule);
        rule.Id = string.IsNullOrWhiteSpace(rule.Id) ? $"rule-{Guid.NewGuid():N}"[..17] : rule.Id;
        rule.CreatedBy = createdBy;
        rule.CreatedAt = time.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (await db.RoutingRules.AnyAsync(r => r.Id == rule.Id))
                throw new RoutingRuleException(DomainError.Conflict, $"Rule {rule.Id} exists.", "id");
            db.RoutingRules.Add(rule);
            await db.SaveChangesAsync();
        }
        await RefreshAsync();
        return rule;
    }

    public async Task<bool> RemoveAsync(string id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var removed = await db.RoutingRules.Where(r => r.Id == id).ExecuteDeleteAsync() > 0;
        await RefreshAsync();
        return removed;
    }

    private void Validate(RoutingRule rule)
    {
        if (rule.Category is not null && !SeedVocabulary.Categories.Contains(rule.Category))
            throw new RoutingRuleException(DomainError.Invalid, $"Unknown category '{rule.Category}'.", "category");
        if (rule.Topic is not null && !SeedVocabulary.Topics.Contains(rule.Topic))
            throw new RoutingRuleException(DomainError.Invalid, $"Unknown topic '{rule.Topic}'.", "topic");
        if (rule.RegionCode is not null && !regions.Contains(rule.RegionCode))
            throw new RoutingRuleException(DomainError.Invalid, $"Unknown region code '{rule.RegionCode}'.", "regionCode");
        if ((rule.AccountId is null) == (rule.TerritorialLevel is null))
            throw new RoutingRuleException(DomainError.Invalid, "A rule names either an accountId or a territorialLevel.", "accountId");
        if (rule.AccountId is not null && !accounts.IsActive(rule.AccountId))
            throw new RoutingRuleException(DomainError.Invalid, $"No active account '{rule.AccountId}'.", "accountId");
        if (rule.TerritorialLevel is RegionLevel.City)
            throw new RoutingRuleException(DomainError.Invalid, "territorialLevel is District, Street or Community.", "territorialLevel");
    }
}
