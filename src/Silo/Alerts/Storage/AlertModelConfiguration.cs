using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Alerts.Storage;

/// <summary>
/// The alert tables in the shared model. <see cref="AlertSchema"/> holds the same tables as hand-written
/// DDL for databases created before they existed; the two must agree (AlertSchemaTests checks).
/// </summary>
public static class AlertModelConfiguration
{
    public static void ConfigureAlerts(this ModelBuilder model)
    {
        model.Entity<AlertRecord>(alert =>
        {
            alert.ToTable("alerts");
            alert.HasKey(a => a.Identifier);
            alert.Property(a => a.Identifier).HasMaxLength(256);
            alert.Property(a => a.Sender).HasMaxLength(256);
            alert.Property(a => a.Status).HasMaxLength(16);
            alert.Property(a => a.MsgType).HasMaxLength(16);
            alert.Property(a => a.Scope).HasMaxLength(16);
            alert.Property(a => a.AccountId).HasMaxLength(64);
            alert.Property(a => a.ReplacedBy).HasMaxLength(256);
            alert.HasIndex(a => a.Expires).HasDatabaseName("IX_alerts_Expires");
            alert.HasIndex(a => a.AccountId).HasDatabaseName("IX_alerts_AccountId");
        });
        model.Entity<AlertAuditEntry>(audit =>
        {
            audit.ToTable("alert_audit");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).ValueGeneratedOnAdd();
            audit.Property(a => a.UserId).HasMaxLength(128);
            audit.Property(a => a.AccountId).HasMaxLength(64);
            audit.Property(a => a.Identifier).HasMaxLength(256);
            audit.Property(a => a.MsgType).HasMaxLength(16);
            audit.Property(a => a.RemoteIp).HasMaxLength(64);
            audit.Property(a => a.Outcome).HasMaxLength(16);
            audit.HasIndex(a => a.Identifier).HasDatabaseName("IX_alert_audit_Identifier");
        });
        model.Entity<AlertReceipt>(receipt =>
        {
            receipt.ToTable("alert_receipts");
            receipt.HasKey(r => r.Id);
            receipt.Property(r => r.Id).ValueGeneratedOnAdd();
            receipt.Property(r => r.Identifier).HasMaxLength(256);
            receipt.Property(r => r.Recipient).HasMaxLength(128);
            receipt.Property(r => r.UserId).HasMaxLength(128);
            receipt.Property(r => r.Kind).HasMaxLength(16);
            receipt.Property(r => r.Node).HasMaxLength(64);
            receipt.HasIndex(r => r.Identifier).HasDatabaseName("IX_alert_receipts_Identifier");
        });
        model.Entity<AlertFollow>(follow =>
        {
            follow.ToTable("alert_follows");
            follow.HasKey(f => new { f.UserId, f.AccountId });
            follow.Property(f => f.UserId).HasMaxLength(128);
            follow.Property(f => f.AccountId).HasMaxLength(64);
        });
    }
}
