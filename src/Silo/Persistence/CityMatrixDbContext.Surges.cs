using System.Text.Json;
using CityMatrix.Silo.Reports;
using CityMatrix.Silo.Surges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMatrix.Silo.Persistence;

/// <summary>Tables of surge detection and reports: case counts (kept by triggers, migration step 11), surge alerts, stored reports.</summary>
public sealed partial class CityMatrixDbContext
{
    public DbSet<CaseCount> CaseCounts => Set<CaseCount>();
    public DbSet<SurgeAlert> SurgeAlerts => Set<SurgeAlert>();
    public DbSet<StoredReport> Reports => Set<StoredReport>();

    private static void ConfigureSurges(ModelBuilder model)
    {
        model.Entity<CaseCount>(count =>
        {
            count.ToTable("case_counts");
            // Topic and day first: a day's counts of a topic, city-wide or for one district, are one range.
            count.HasKey(c => new { c.Topic, c.Day, c.RegionCode, c.Hour });
            count.Property(c => c.Topic).HasMaxLength(32);
            count.Property(c => c.RegionCode).HasMaxLength(16);
            count.HasIndex(c => c.Day);
        });

        model.Entity<SurgeAlert>(alert =>
        {
            alert.ToTable("surge_alerts");
            alert.HasKey(a => new { a.Topic, a.RegionCode, a.Day });
            alert.Property(a => a.Topic).HasMaxLength(32);
            alert.Property(a => a.RegionCode).HasMaxLength(16);
            alert.Property(a => a.Rule).HasMaxLength(8);
            alert.Property(a => a.Baseline).HasConversion(JsonColumn<BaselineDay>(), JsonComparer<BaselineDay>());
            alert.Property(a => a.Units).HasConversion(JsonColumn<SummonedUnit>(), JsonComparer<SummonedUnit>());
            alert.HasIndex(a => a.Day);
        });

        model.Entity<StoredReport>(report =>
        {
            report.ToTable("reports");
            report.HasKey(r => new { r.Kind, r.Day });
            report.Property(r => r.Kind).HasMaxLength(16);
        });
    }

    private static readonly JsonSerializerOptions ColumnJson = new(JsonSerializerDefaults.Web);

    private static ValueConverter<List<T>, string> JsonColumn<T>() =>
        new(list => JsonSerializer.Serialize(list, ColumnJson),
            json => JsonSerializer.Deserialize<List<T>>(json, ColumnJson) ?? new List<T>());

    private static ValueComparer<List<T>> JsonComparer<T>() =>
        new((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)), list => list.ToList());
}
