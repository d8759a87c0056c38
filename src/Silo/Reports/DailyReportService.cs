using System.Text.Json;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Surges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Reports;

/// <summary>
/// The daily report on a finished city day: built from the cases, posts, counts and alerts tables, rendered
/// to HTML, and stored (JSON + HTML) so that it can be fetched later exactly as issued.
/// </summary>
public sealed class DailyReportService(
    IDbContextFactory<CityMatrixDbContext> contexts,
    ReportQueries queries,
    CaseCountQueries counts,
    SurgeAlertStore alerts,
    ReportStore store,
    IOptions<ReportOptions> options,
    TimeProvider time)
{
    public const string Kind = "daily";
    private const int FourWeeks = 28;

    /// <summary>The stored report of the day, generating and storing it first if there is none (idempotent, also across processes).</summary>
    public async Task<StoredReport> GenerateAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(Kind, day, cancellationToken) is { } stored) return stored;
        return await store.AddOrGetAsync(await RenderAsync(day, cancellationToken), cancellationToken);
    }

    /// <summary>Generates the day's report again from the current data and replaces the stored one.</summary>
    public async Task<StoredReport> RegenerateAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        await store.ReplaceAsync(await RenderAsync(day, cancellationToken), cancellationToken);

    public Task<StoredReport?> GetAsync(DateOnly day, CancellationToken cancellationToken = default) => store.GetAsync(Kind, day, cancellationToken);

    private async Task<StoredReport> RenderAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (day >= CityDays.Today(time)) throw new ReportRuleException($"{day:yyyy-MM-dd} is not over yet: a daily report covers a finished day.", "day");
        var report = await BuildAsync(day, cancellationToken);
        return new StoredReport
        {
            Kind = Kind,
            Day = day,
            GeneratedAt = report.GeneratedAt,
            Json = JsonSerializer.Serialize(report, ReportJson.Options),
            Html = ReportHtml.Daily(report, queries),
        };
    }

    public async Task<DailyReport> BuildAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var (start, end) = ReportQueries.Bounds(day);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var posts = await db.Posts.CountAsync(p => p.ReceivedAt >= start && p.ReceivedAt < end, cancellationToken);
        var complaintPosts = await db.Posts.CountAsync(p => p.ReceivedAt >= start && p.ReceivedAt < end && p.IsComplaint, cancellationToken);
        var opened = await db.Cases.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .GroupBy(c => c.Category).Select(g => new { Category = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var intake = new ReportIntake(posts, complaintPosts, opened.Sum(o => o.Count),
            opened.OrderByDescending(o => o.Count).ThenBy(o => o.Category, StringComparer.Ordinal).Select(o => new NamedCount(o.Category, o.Count)).ToList());

        var closed = db.Cases.Where(c => c.ClosedAt >= start && c.ClosedAt < end);
        var rated = db.Cases.Where(c => c.RatedAt >= start && c.RatedAt < end);
        var closures = new ReportClosures(
            await closed.CountAsync(cancellationToken),
            await closed.CountAsync(c => c.Deadline == null || c.ClosedAt <= c.Deadline, cancellationToken),
            await rated.CountAsync(cancellationToken),
            await rated.CountAsync(c => c.Satisfied == true, cancellationToken));

        // Open at the end of the day: received by then, not merged away, not closed by then. The holder is today's
        // (the table keeps no history of holders; the timeline does, and is not worth replaying here).
        var openAtEnd = db.Cases.Where(c => c.ReceivedAt < end && c.Status != CaseStatus.Merged && (c.ClosedAt == null || c.ClosedAt >= end));
        var overdue = openAtEnd.Where(c => c.Deadline != null && c.Deadline < end);
        var holders = await overdue.GroupBy(c => c.AccountId).Select(g => new { AccountId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var overdueSection = new ReportOverdue(
            await openAtEnd.CountAsync(cancellationToken),
            holders.Sum(h => h.Count),
            holders.OrderByDescending(h => h.Count).ThenBy(h => h.AccountId, StringComparer.Ordinal).Take(options.Value.OverdueHolders)
                .Select(h => new AccountCount(h.AccountId, queries.AccountName(h.AccountId), h.Count)).ToList());

        var topics = await counts.TopicsOnAsync(day, day, cancellationToken);
        var previous = (await counts.TopicsOnAsync(day.AddDays(-1), day.AddDays(-1), cancellationToken)).ToDictionary(t => t.Topic, t => t.Count);
        var weeks = (await counts.TopicsOnAsync(day.AddDays(-FourWeeks), day.AddDays(-1), cancellationToken)).ToDictionary(t => t.Topic, t => t.Count);
        var topTopics = topics.Take(options.Value.TopTopics)
            .Select(t => new TopicTrend(t.Topic, t.Count, previous.GetValueOrDefault(t.Topic), Math.Round(weeks.GetValueOrDefault(t.Topic) / (double)FourWeeks, 2)))
            .ToList();

        return new DailyReport(day, time.GetUtcNow(), intake, closures, overdueSection,
            await alerts.ListAsync(day, day, null, null, cancellationToken), topTopics, await queries.HotIncidentsAsync(day, cancellationToken));
    }
}
