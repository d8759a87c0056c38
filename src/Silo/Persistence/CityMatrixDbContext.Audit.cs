using CityMatrix.Silo.Audit;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

public sealed partial class CityMatrixDbContext
{
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    private static void ConfigureAudit(ModelBuilder model) => model.Entity<AuditEntry>(entry =>
    {
        entry.ToTable("audit_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.UserId).HasMaxLength(64);
        entry.Property(e => e.Method).HasMaxLength(8);
        entry.Property(e => e.Path).HasMaxLength(512);
        entry.Property(e => e.RemoteIp).HasMaxLength(64);
        entry.Property(e => e.UserAgent).HasMaxLength(256);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.UserId);
    });
}
