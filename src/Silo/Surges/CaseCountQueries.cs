using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Surges;

/// <summary>Reads of the case_counts table. A region is a district code, or <see cref="SurgeRegions.City"/> for every bucket summed.</summary>
public sealed class CaseCountQueries(IDbContextFactory<CityMatrixDbContext> contexts)
{
    private DateOnly? _observedSince;

    private static IQueryable<CaseCount> In(CityMatrixDbContext db, string topic, string region)
    {
        var counts = db.CaseCounts.AsNoTracking().Where(c => c.Topic == topic);
        return region == SurgeRegions.City ? counts : counts.Where(c => c.RegionCode == region);
    }

    public async Task<int> DayCountAsync(string topic, string region, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await In(db, topic, region).Where(c => c.Day == day).SumAsync(c => c.Count, cancellationToken);
    }

    /// <summary>Counts per day for the given days (days without a case are absent).</summary>
    public async Task<IReadOnlyDictionary<DateOnly, int>> DayCountsAsync(string topic, string region, IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken = default)
    {
        if (days.Count == 0) return new Dictionary<DateOnly, int>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wanted = days.ToList();
        var rows = await In(db, topic, region).Where(c => wanted.Contains(c.Day))
            .GroupBy(c => c.Day).Select(g => new { Day = g.Key, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Day, r => r.Count);
    }

    /// <summary>Counts per topic, day and hour in [from, to] (city days), for one region; topic null = every topic.</summary>
    public async Task<IReadOnlyList<CaseCount>> HourlyAsync(string? topic, string region, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Range(db, topic, region, from, to).GroupBy(c => new { c.Topic, c.Day, c.Hour })
            .Select(g => new { g.Key.Topic, g.Key.Day, g.Key.Hour, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CaseCount { Topic = r.Topic, RegionCode = region, Day = r.Day, Hour = r.Hour, Count = r.Count }).ToList();
    }

    /// <summary>Counts per topic and day in [from, to] (<see cref="CaseCount.Hour"/> is 0), for one region; topic null = every topic.</summary>
    public async Task<IReadOnlyList<CaseCount>> DailyAsync(string? topic, string region, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Range(db, topic, region, from, to).GroupBy(c => new { c.Topic, c.Day })
            .Select(g => new { g.Key.Topic, g.Key.Day, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CaseCount { Topic = r.Topic, RegionCode = region, Day = r.Day, Count = r.Count }).ToList();
    }

    private static IQueryable<CaseCount> Range(CityMatrixDbContext db, string? topic, string region, DateOnly from, DateOnly to)
    {
        var counts = db.CaseCounts.AsNoTracking().Where(c => c.Day >= from && c.Day <= to);
        if (topic is not null) counts = counts.Where(c => c.Topic == topic);
        return region == SurgeRegions.City ? counts : counts.Where(c => c.RegionCode == region);
    }

    /// <summary>Cases per topic on one day, city-wide, most first.</summary>
    public async Task<IReadOnlyList<(string Topic, int Count)>> TopicsOnAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CaseCounts.AsNoTracking().Where(c => c.Day >= from && c.Day <= to)
            .GroupBy(c => c.Topic).Select(g => new { Topic = g.Key, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Count).ThenBy(r => r.Topic, StringComparer.Ordinal).Select(r => (r.Topic, r.Count)).ToList();
    }

    /// <summary>
    /// The first day anything was counted: earlier days are unknown, not quiet, and stay out of baselines.
    /// Cached once known (it can only move earlier by a backfill, which happens at start-up).
    /// </summary>
    public async Task<DateOnly?> ObservedSinceAsync(CancellationToken cancellationToken = default)
    {
        if (_observedSince is { } known) return known;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await db.CaseCounts.AsNoTracking().OrderBy(c => c.Day).Select(c => (DateOnly?)c.Day).FirstOrDefaultAsync(cancellationToken);
        _observedSince = first;
        return first;
    }
}
