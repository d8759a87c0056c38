using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Alerts.FanOut;
using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Alerts.Storage;

/// <summary>Alerts, their audit trail, delivery receipts and follows, on the shared database.</summary>
public sealed class AlertStore(IDbContextFactory<CityMatrixDbContext> contexts, IAlertFanOut fanOut, TimeProvider time)
{
    /// <summary>
    /// Stores an accepted alert, its audit entry, marks the alerts it updates or cancels as replaced and
    /// announces it to the other servers, all in one transaction. False when the identifier is taken.
    /// </summary>
    public async Task<bool> AddAsync(AlertRecord record, IReadOnlyCollection<string> replaces, AlertAuditEntry audit, AlertSignal signal, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<AlertRecord>().AnyAsync(a => a.Identifier == record.Identifier, cancellationToken)) return false;
        db.Add(record);
        db.Add(audit);
        if (replaces.Count > 0)
        {
            var replaced = await db.Set<AlertRecord>().Where(a => replaces.Contains(a.Identifier)).ToListAsync(cancellationToken);
            foreach (var old in replaced) old.ReplacedBy = record.Identifier;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another server stored the same identifier between our check and our insert.
            return false;
        }
        await fanOut.AnnounceAsync(db, signal, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AuditAsync(AlertAuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertAuditEntry>> AuditTrailAsync(string? identifier, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<AlertAuditEntry>().AsNoTracking();
        if (identifier is not null) query = query.Where(a => a.Identifier == identifier);
        return await query.OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<AlertRecord?> FindAsync(string identifier, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AlertRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Identifier == identifier, cancellationToken);
    }

    /// <summary>Alerts and updates in force now: not replaced, not expired, not drafts.</summary>
    public async Task<IReadOnlyList<AlertRecord>> InForceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AlertRecord>().AsNoTracking()
            .Where(a => a.ReplacedBy == null && a.Expires > now && a.Status != "Draft" && (a.MsgType == "Alert" || a.MsgType == "Update"))
            .OrderBy(a => a.ReceivedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Everything accepted since a moment, oldest first (catch-up after a lost listener connection).</summary>
    public async Task<IReadOnlyList<AlertRecord>> ReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AlertRecord>().AsNoTracking().Where(a => a.ReceivedAt >= since).OrderBy(a => a.ReceivedAt).ToListAsync(cancellationToken);
    }

    public async Task AddReceiptsAsync(IReadOnlyList<AlertReceipt> receipts, IEnumerable<AlertSignal> signals, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(receipts);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var signal in signals) await fanOut.AnnounceAsync(db, signal, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ReceiptSummary?> ReceiptSummaryAsync(string identifier, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Set<AlertRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Identifier == identifier, cancellationToken);
        if (alert is null) return null;
        var rows = await db.Set<AlertReceipt>().AsNoTracking().Where(r => r.Identifier == identifier)
            .Select(r => new { r.Kind, r.Recipient, r.At }).ToListAsync(cancellationToken);
        int Count(string kind) => rows.Where(r => r.Kind == kind).Select(r => r.Recipient).Distinct().Count();
        List<double> Latencies(string kind) => rows.Where(r => r.Kind == kind)
            .GroupBy(r => r.Recipient).Select(g => (g.Min(r => r.At) - alert.ReceivedAt).TotalMilliseconds).Order().ToList();
        var delivered = Latencies(ReceiptKinds.Delivered);
        var acknowledged = Latencies(ReceiptKinds.Acknowledged);
        return new ReceiptSummary(identifier, Count(ReceiptKinds.Targeted), delivered.Count, acknowledged.Count,
            Percentile(delivered, 0.50), Percentile(delivered, 0.99), Percentile(acknowledged, 0.50), Percentile(acknowledged, 0.99));
    }

    public async Task FollowAsync(string userId, string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<AlertFollow>().AnyAsync(f => f.UserId == userId && f.AccountId == accountId, cancellationToken)) return;
        db.Add(new AlertFollow { UserId = userId, AccountId = accountId, At = time.GetUtcNow() });
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) { /* followed twice at the same moment: already there */ }
    }

    public async Task UnfollowAsync(string userId, string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<AlertFollow>().Where(f => f.UserId == userId && f.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A follower's feed: public, actual alerts of the accounts they follow, newest first.</summary>
    public async Task<IReadOnlyList<AlertRecord>> FeedAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var followed = db.Set<AlertFollow>().Where(f => f.UserId == userId).Select(f => f.AccountId);
        return await db.Set<AlertRecord>().AsNoTracking()
            .Where(a => followed.Contains(a.AccountId) && a.Status == "Actual" && a.Scope == "Public")
            .OrderByDescending(a => a.ReceivedAt).Take(limit).ToListAsync(cancellationToken);
    }

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}

public static class ReceiptKinds
{
    public const string Targeted = "Targeted";
    public const string Delivered = "Delivered";
    public const string Acknowledged = "Acknowledged";
}
