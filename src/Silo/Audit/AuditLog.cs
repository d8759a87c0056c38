using CityMatrix.Silo.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Audit;

/// <summary>The append-only audit table.</summary>
public sealed class AuditLog(IDbContextFactory<CityMatrixDbContext> contexts)
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(string? userId, string? pathContains, DateTimeOffset? from, DateTimeOffset? to, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditLog.AsNoTracking();
        if (userId is not null) entries = entries.Where(e => e.UserId == userId);
        if (pathContains is not null) entries = entries.Where(e => e.Path.Contains(pathContains));
        if (from is { } start) entries = entries.Where(e => e.At >= start);
        if (to is { } end) entries = entries.Where(e => e.At < end);
        return await entries.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
