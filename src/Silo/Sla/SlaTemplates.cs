using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Seed;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Sla;

/// <summary>The SLA templates (editable, stored) and the deadline computation, with TimeProvider's clock.</summary>
public sealed class SlaTemplates(IDbContextFactory<CityMatrixDbContext> contexts, TimeProvider time, WorkingCalendar calendar)
{
    /// <summary>Time limits seen in Chinese cities (domain.md §2); the first start stores these, editable afterwards.</summary>
    public static IReadOnlyList<SlaTemplate> Defaults { get; } =
    [
        new() { Id = "general", Name = "一般诉求 7 天", ResolutionHours = 7 * 24, FirstResponseHours = 4 },
        new() { Id = "critical", Name = "紧急（危及生命安全）2 小时", Urgency = CaseUrgency.Critical, ResolutionHours = 2, FirstResponseHours = 0.5 },
        new() { Id = "urgent", Name = "急办 24 小时", Urgency = CaseUrgency.Urgent, ResolutionHours = 24, FirstResponseHours = 2 },
        new() { Id = "heating", Name = "供暖 24 小时", Topic = "供暖", ResolutionHours = 24, FirstResponseHours = 4 },
        new() { Id = "water", Name = "供水 24 小时", Topic = "供水", ResolutionHours = 24, FirstResponseHours = 4 },
        new() { Id = "power", Name = "供电 24 小时", Topic = "供电", ResolutionHours = 24, FirstResponseHours = 4 },
        new() { Id = "gas", Name = "燃气 24 小时", Topic = "燃气", ResolutionHours = 24, FirstResponseHours = 4 },
        new() { Id = "illegal-building", Name = "违章建筑（复杂）15 天", Topic = "违章建筑", ResolutionHours = 15 * 24, FirstResponseHours = 4 },
        new() { Id = "wage-arrears", Name = "拖欠工资（复杂）15 天", Topic = "拖欠工资", ResolutionHours = 15 * 24, FirstResponseHours = 4 },
    ];

    private IReadOnlyList<SlaTemplate> _current = Defaults;

    public IReadOnlyList<SlaTemplate> Current => _current;

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.SlaTemplates.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        _current = stored.Count > 0 ? stored : Defaults;
    }

    /// <summary>Stores the defaults into an empty table (first start), inside the migration transaction.</summary>
    public async Task SeedIfEmptyAsync(CityMatrixDbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.SlaTemplates.AnyAsync(cancellationToken)) return;
        var now = time.GetUtcNow();
        foreach (var template in Defaults)
        {
            db.SlaTemplates.Add(new SlaTemplate
            {
                Id = template.Id, Name = template.Name, Topic = template.Topic, Urgency = template.Urgency,
                ResolutionHours = template.ResolutionHours, FirstResponseHours = template.FirstResponseHours, WorkingDays = template.WorkingDays,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public SlaTemplate TemplateFor(string? topic, CaseUrgency urgency) =>
        _current
            .Where(t => (t.Topic is null || t.Topic == topic) && (t.Urgency is null || t.Urgency == urgency))
            .OrderByDescending(t => (t.Urgency is null ? 0 : 4) + (t.Topic is null ? 0 : 2))
            .ThenBy(t => t.ResolutionHours)
            .First();

    public SlaDeadlines DeadlinesFor(string? topic, CaseUrgency urgency)
    {
        var template = TemplateFor(topic, urgency);
        var now = time.GetUtcNow();
        if (template.WorkingDays)
        {
            return new SlaDeadlines(template.Id, template.Name, calendar.Add(now, TimeSpan.FromHours(template.FirstResponseHours)),
                calendar.Add(now, TimeSpan.FromHours(template.ResolutionHours)), WorkingTime: true);
        }
        return new SlaDeadlines(template.Id, template.Name, now.AddHours(template.FirstResponseHours), now.AddHours(template.ResolutionHours));
    }

    public async Task<SlaTemplate> SaveAsync(SlaTemplate template)
    {
        if (string.IsNullOrWhiteSpace(template.Id) || template.Id.Length > 64) throw Invalid("id", "A template id of 1–64 characters is required.");
        if (string.IsNullOrWhiteSpace(template.Name)) throw Invalid("name", "A template needs a name.");
        if (template.Topic is not null && !SeedVocabulary.Topics.Contains(template.Topic)) throw Invalid("topic", $"Unknown topic '{template.Topic}'.");
        if (template.ResolutionHours is not (> 0 and <= 24 * 365)) throw Invalid("resolutionHours", "resolutionHours is more than 0 and at most a year.");
        if (template.FirstResponseHours is not > 0 || template.FirstResponseHours > template.ResolutionHours)
            throw Invalid("firstResponseHours", "firstResponseHours is more than 0 and at most resolutionHours.");
        var after = _current.Where(t => t.Id != template.Id).Append(template);
        if (!after.Any(t => t.Topic is null && t.Urgency is null))
            throw Invalid("topic", "There must remain a general template (no topic, no urgency).");
        template.UpdatedAt = time.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (await db.SlaTemplates.AnyAsync(t => t.Id == template.Id)) db.SlaTemplates.Update(template);
            else db.SlaTemplates.Add(template);
            await db.SaveChangesAsync();
        }
        await RefreshAsync();
        return template;
    }

    private static SlaRuleException Invalid(string field, string message) => new(DomainError.Invalid, message, field);
}
