using System.Text.Json;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Alerts.Storage;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CityMatrix.Silo.Persistence;

/// <summary>One schema for SQLite and PostgreSQL. Grain states map straight onto their tables.</summary>
public sealed partial class CityMatrixDbContext(DbContextOptions<CityMatrixDbContext> options) : DbContext(options)
{
    public DbSet<AccountState> Accounts => Set<AccountState>();
    public DbSet<CaseState> Cases => Set<CaseState>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<SchemaVersion> SchemaVersions => Set<SchemaVersion>();
    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Posts.PostRecord> Posts => Set<Posts.PostRecord>();
    public DbSet<Routing.RoutingRule> RoutingRules => Set<Routing.RoutingRule>();
    public DbSet<Sla.SlaTemplate> SlaTemplates => Set<Sla.SlaTemplate>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        var stringList = new ValueComparer<List<string>>(
            (a, b) => a!.SequenceEqual(b!),
            list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
            list => list.ToList());

        model.Entity<AccountState>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasMaxLength(64);
            account.Property(a => a.DisplayName).HasMaxLength(128);
            account.Property(a => a.OfficialName).HasMaxLength(256);
            account.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            account.Property(a => a.ParentId).HasMaxLength(64);
            account.Property(a => a.BureauId).HasMaxLength(64);
            account.Property(a => a.Jurisdiction).HasConversion(ListToJson(), stringList);
            account.Property(a => a.Competence).HasConversion(ListToJson(), stringList);
            account.Property(a => a.Version).IsConcurrencyToken();
            account.HasIndex(a => a.ParentId);
        });

        model.Entity<CaseState>(@case =>
        {
            @case.ToTable("cases");
            @case.HasKey(c => c.Id);
            @case.Property(c => c.Id).HasMaxLength(64);
            @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            @case.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(16);
            @case.Property(c => c.Version).IsConcurrencyToken();
            @case.Ignore(c => c.Timeline);
            @case.Ignore(c => c.IsOpen);
            @case.HasIndex(c => new { c.AccountId, c.Status });
            @case.HasIndex(c => c.ReceivedAt);
            @case.HasIndex(c => c.CitizenId);
            // Incident detection asks for open cases of one topic in one place, newest window first.
            @case.HasIndex(c => new { c.Topic, c.RegionCode, c.ReceivedAt });
        });

        model.Entity<CaseEvent>(entry =>
        {
            entry.ToTable("case_events");
            entry.HasKey(e => new { e.CaseId, e.Seq });
            entry.Property(e => e.CaseId).HasMaxLength(64);
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(24);
            entry.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(16);
            entry.HasIndex(e => e.At);
        });

        model.Entity<UserRecord>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasMaxLength(64);
            user.Property(u => u.DisplayName).HasMaxLength(128);
            user.Property(u => u.Roles).HasConversion(ListToJson(), stringList);
            user.Property(u => u.AccountIds).HasConversion(ListToJson(), stringList);
        });

        model.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.HasKey(k => k.FriendlyName);
        });

        model.Entity<SchemaVersion>(version =>
        {
            version.ToTable("schema_version");
            version.HasKey(v => v.Version);
            version.Property(v => v.Version).ValueGeneratedNever();
        });

        ConfigurePipeline(model, stringList);
        ConfigureAudit(model);
        // Regional alerts (issue 6): tables in Alerts/Storage/AlertModelConfiguration.cs.
        model.ConfigureAlerts();
        ConfigureOutbound(model, stringList);
        ConfigureLive(model);
        ConfigureSurges(model);

        var sqlite = Database.IsSqlite();
        foreach (var property in model.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            // SQLite cannot order or compare DateTimeOffset natively: store UTC ticks so range filters and
            // ORDER BY run in the database. PostgreSQL's timestamptz takes only UTC offsets: normalise.
            if (property.ClrType == typeof(DateTimeOffset))
                property.SetValueConverter(sqlite ? new DateTimeOffsetToUtcTicks() : new DateTimeOffsetToUtc());
            else if (property.ClrType == typeof(DateTimeOffset?))
                property.SetValueConverter(sqlite ? new NullableDateTimeOffsetToUtcTicks() : new NullableDateTimeOffsetToUtc());
        }
    }

    internal static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>, string> ListToJson() =>
        new(list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null) ?? new List<string>());
}
