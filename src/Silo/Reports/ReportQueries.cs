using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Reports;

/// <summary>The reads both reports share, from the cases table (the source of truth) over one city day.</summary>
public sealed class ReportQueries(
    IDbContextFactory<CityMatrixDbContext> contexts,
    AccountDirectory accounts,
    RegionDirectory regions,
    IOptions<ReportOptions> options)
{
    private const int ExcerptLength = 80;

    private ReportOptions Options => options.Value;

    public string RegionName(string? code) =>
        code is null ? "" : code == Surges.SurgeRegions.City ? "银川市（全市）" : regions.TryGet(code, out var region) ? region.Name : code;

    public string AccountName(string id) => accounts.Find(id)?.DisplayName ?? id;

    /// <summary>Incidents with at least <see cref="ReportOptions.LargeIncidentCases"/> cases opened that day, largest first.</summary>
    public async Task<IReadOnlyList<HotIncident>> HotIncidentsAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var (start, end) = Bounds(day);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.ReceivedAt >= start && c.ReceivedAt < end && c.IncidentId != null)
            .ToListAsync(cancellationToken);
        return cases.GroupBy(c => c.IncidentId!)
            .Where(g => g.Count() >= Options.LargeIncidentCases)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.OrderBy(c => c.ReceivedAt).First();
                var units = g.GroupBy(Answerable).Select(u => new AccountCount(u.Key, AccountName(u.Key), u.Count()))
                    .OrderByDescending(u => u.Count).ThenBy(u => u.AccountId, StringComparer.Ordinal).ToList();
                return new HotIncident(g.Key, first.Topic ?? first.Category, first.RegionCode, first.RegionCode is null ? null : RegionName(first.RegionCode),
                    g.Count(), units, g.OrderByDescending(c => c.ReceivedAt).Take(Options.CasesPerItem).Select(Brief).ToList());
            })
            .ToList();
    }

    public CaseBrief Brief(CaseState c) => new(c.Id, c.ReceivedAt,
        c.Text.Length <= ExcerptLength ? c.Text : c.Text[..ExcerptLength] + "…", c.RegionCode, c.AccountId, AccountName(c.AccountId), c.Status);

    /// <summary>The unit answerable for a case (首接负责制), else its first receiver, else its holder.</summary>
    public static string Answerable(CaseState c) => c.AnswerableAccountId ?? c.FirstReceiverId ?? c.AccountId;

    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly day) => (CityDays.StartOf(day), CityDays.StartOf(day.AddDays(1)));
}
