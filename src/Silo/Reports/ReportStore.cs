using CityMatrix.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMatrix.Silo.Reports;

/// <summary>The reports table: one stored report per kind and day.</summary>
public sealed class ReportStore(IDbContextFactory<CityMatrixDbContext> contexts, IStorageWriter writer)
{
    public async Task<StoredReport?> GetAsync(string kind, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == kind && r.Day == day, cancellationToken);
    }

    /// <summary>Stores the report unless one of its kind and day exists (then the stored one is returned): the primary key decides between processes.</summary>
    public async Task<StoredReport> AddOrGetAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        try
        {
            await writer.WriteAsync(async (db, token) =>
            {
                db.Reports.Add(report);
                return await db.SaveChangesAsync(token);
            }, cancellationToken);
            return report;
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return await GetAsync(report.Kind, report.Day, cancellationToken)
                ?? throw new InvalidOperationException($"Report {report.Kind} {report.Day} conflicted but is not stored.", e);
        }
    }

    /// <summary>Stores the report, replacing one of the same kind and day.</summary>
    public async Task<StoredReport> ReplaceAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(async (db, token) =>
        {
            // The group-commit writer (SQLite) already runs this in a transaction; the direct writer does not.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(token) : null;
            await db.Reports.Where(r => r.Kind == report.Kind && r.Day == report.Day).ExecuteDeleteAsync(token);
            db.Reports.Add(report);
            var written = await db.SaveChangesAsync(token);
            if (transaction is not null) await transaction.CommitAsync(token);
            return written;
        }, cancellationToken);
        return report;
    }
}
