using CityMatrix.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMatrix.Silo.Surges;

/// <summary>The surge_alerts table: one row per topic × region × day, the primary key deciding between processes.</summary>
public sealed class SurgeAlertStore(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer)
{
    /// <summary>Stores the alert; false when one for the same topic, region and day is already stored (by any process).</summary>
    public async Task<bool> TryAddAsync(SurgeAlert alert, CancellationToken cancellationToken = default)
    {
        try
        {
            await writer.WriteAsync(async (db, token) =>
            {
                db.SurgeAlerts.Add(alert);
                return await db.SaveChangesAsync(token);
            }, cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    public async Task<bool> ExistsAsync(SurgeKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SurgeAlerts.AnyAsync(a => a.Topic == key.Topic && a.RegionCode == key.RegionCode && a.Day == key.Day, cancellationToken);
    }

    /// <summary>Alerts of the days in [from, to], optionally of one topic and one region (exact: a district, or 6401 for city-wide alerts).</summary>
    public async Task<IReadOnlyList<SurgeAlert>> ListAsync(DateOnly from, DateOnly to, string? topic, string? region, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = db.SurgeAlerts.AsNoTracking().Where(a => a.Day >= from && a.Day <= to);
        if (topic is not null) alerts = alerts.Where(a => a.Topic == topic);
        if (region is not null) alerts = alerts.Where(a => a.RegionCode == region);
        var list = await alerts.ToListAsync(cancellationToken);
        return list.OrderBy(a => a.Day).ThenBy(a => a.FiredAt).ThenBy(a => a.Topic, StringComparer.Ordinal).ThenBy(a => a.RegionCode, StringComparer.Ordinal).ToList();
    }
}
