using CityMatrix.Silo.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CityMatrix.Silo.Persistence;

/// <summary>Tables of the outbound side: the case outbox (feed and webhook events), subscriptions, deliveries, attempts.</summary>
public sealed partial class CityMatrixDbContext
{
    public DbSet<OutboundEvent> OutboundEvents => Set<OutboundEvent>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    private static void ConfigureOutbound(ModelBuilder model, ValueComparer<List<string>> stringList)
    {
        model.Entity<OutboundEvent>(e =>
        {
            e.ToTable("outbound_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(80);
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.CaseId).HasMaxLength(64);
            e.Property(x => x.AccountId).HasMaxLength(64);
            e.HasIndex(x => new { x.Type, x.At });
            e.HasIndex(x => new { x.AccountId, x.Type, x.At });
            e.HasIndex(x => x.FannedOutAt);
        });

        model.Entity<WebhookSubscription>(s =>
        {
            s.ToTable("webhook_subscriptions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).HasMaxLength(32);
            s.Property(x => x.Url).HasMaxLength(2048);
            s.Property(x => x.Secret).HasMaxLength(256);
            s.Property(x => x.CreatedBy).HasMaxLength(64);
            s.Property(x => x.Events).HasConversion(ListToJson(), stringList);
        });

        model.Entity<WebhookDelivery>(d =>
        {
            d.ToTable("webhook_deliveries");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).HasMaxLength(128);
            d.Property(x => x.SubscriptionId).HasMaxLength(32);
            d.Property(x => x.EventId).HasMaxLength(80);
            d.Property(x => x.EventType).HasMaxLength(32);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            d.HasIndex(x => new { x.Status, x.NextAttemptAt });
            d.HasIndex(x => new { x.SubscriptionId, x.CreatedAt });
        });

        model.Entity<WebhookAttempt>(a =>
        {
            a.ToTable("webhook_attempts");
            a.HasKey(x => new { x.DeliveryId, x.No });
            a.Property(x => x.DeliveryId).HasMaxLength(128);
        });
    }
}
