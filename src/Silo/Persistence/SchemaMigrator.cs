using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Persistence;

/// <summary>
/// Creates or upgrades the schema at start-up. Migrations are numbered SQL steps (EF's design-time
/// migration tooling does not restore here). A new database is created from EF's create script for the
/// current model and then counts as having every step; an existing one runs the steps it lacks, which
/// are hand-written per provider (Migrations/NNNN-name.sqlite.sql / .postgres.sql, embedded).
/// Several processes may start at once: PostgreSQL serialises them with an advisory lock, SQLite with
/// an immediate (write) transaction, and each step runs only if its version row is missing.
/// </summary>
public sealed class SchemaMigrator(IDbContextFactory<CityMatrixDbContext> contexts, TimeProvider time)
{
    private const long AdvisoryLockKey = 0x43_4D_53_43_48; // "CMSCH"

    private static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(1);

    private static readonly (int Version, string Description, Func<DbContext, string> Sql)[] Steps =
    [
        (1, "accounts, cases, case timeline", _ => throw new InvalidOperationException("Step 1 is the create script.")),
        (2, "users, data protection keys", db => Embedded(db, "0002-users")),
        (3, "posts, routing rules, SLA templates; case source post, first-response due, incident", db => Embedded(db, "0003-pipeline")),
        (4, "audit log", db => Embedded(db, "0004-audit")),
        // Regional alerts (issue 6): DDL in Alerts/Storage/AlertSchema.cs; IF NOT EXISTS throughout.
        (5, "alerts, alert audit, receipts, follows", db => db.Database.IsSqlite() ? Alerts.Storage.AlertSchema.Sqlite : Alerts.Storage.AlertSchema.PostgreSql),
        (6, "full-text search index", db => Embedded(db, "0006-search")),
        (7, "outbound: case events outbox, webhook subscriptions, deliveries, attempts", db => Embedded(db, "0007-outbound")),
        (8, "index for incident detection", db => "CREATE INDEX IF NOT EXISTS \"IX_cases_Topic_RegionCode_ReceivedAt\" ON cases (\"Topic\", \"RegionCode\", \"ReceivedAt\");"),
        // SLA clocks (issue 5): Quartz's own tables (outside the EF model), then the clock columns where missing.
        (9, "Quartz job store; case SLA clock stages, SLA template working days", db => Embedded(db, "0009-quartz") + Sla.SlaSchema.AddMissingColumns(db)),
        // Rates and rankings (issue 5): counters, the per-case facts view, backfill. Outside the EF model.
        (10, "metric counters per account and day, case facts view, backfill", db => Embedded(db, "0010-metrics")),
        (11, "surges: case counts by topic, district and hour (kept by triggers), surge alerts, reports", db => Embedded(db, "0011-surges")),
        // Live events (issue 5): case_events."LiveSeq" (existing entries numbered), snapshot indexes, live_messages.
        (12, "live events: case event log numbers, snapshot indexes, oversized notifications", db => Embedded(db, "0012-live")),
        // PostgreSQL keeps step 6's triggers: its index is written by its own transactions (tsvector), not by one writer.
        (13, "SQLite: the search index in a file of its own, following the store by rowid", db => db.Database.IsSqlite() ? Embedded(db, "0013-search-follows") : "SELECT 1;"),
    ];

    /// <summary>
    /// Steps whose objects EF's create script cannot make (FTS5 tables, triggers, generated tsvector):
    /// they run on a new database too, so their SQL must be idempotent.
    /// </summary>
    private static readonly HashSet<int> OutsideModel = [6, 9, 10, 11, 13];

    /// <summary>Every step's version, in order.</summary>
    public static IReadOnlyList<int> Versions { get; } = Steps.Select(s => s.Version).ToList();

    private static string Embedded(DbContext db, string name)
    {
        var resource = $"CityMatrix.Migrations.{name}.{(db.Database.IsSqlite() ? "sqlite" : "postgres")}.sql";
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration {resource} is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Migrates, then runs <paramref name="afterMigrate"/> (seeding) inside the same lock and transaction.</summary>
    public async Task MigrateAsync(Func<CityMatrixDbContext, Task>? afterMigrate = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var isSqlite = db.Database.IsSqlite();
        // A step may rewrite a large table (step 12 numbers every stored timeline entry): no 30 s command limit.
        db.Database.SetCommandTimeout(MigrationTimeout);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (isSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            else await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey});", cancellationToken);

            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is taken up front.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var applied = await AppliedVersionsAsync(db, isSqlite, cancellationToken);
            var fresh = applied.Count == 0;
            if (fresh) await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript(), cancellationToken);
            foreach (var step in Steps.Where(s => !applied.Contains(s.Version)))
            {
                if (!fresh || OutsideModel.Contains(step.Version)) await db.Database.ExecuteSqlRawAsync(step.Sql(db), cancellationToken);
                db.SchemaVersions.Add(new SchemaVersion { Version = step.Version, Description = step.Description, AppliedAt = time.GetUtcNow() });
            }
            await db.SaveChangesAsync(cancellationToken);
            if (afterMigrate is not null) await afterMigrate(db);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (!isSqlite) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(CityMatrixDbContext db, bool isSqlite, CancellationToken cancellationToken)
    {
        var existsSql = isSqlite
            ? "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            : "SELECT count(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'";
        var exists = await db.Database.SqlQueryRaw<long>(existsSql).SingleAsync(cancellationToken);
        if (exists == 0) return [];
        var versions = await db.SchemaVersions.AsNoTracking().Select(v => v.Version).ToListAsync(cancellationToken);
        return [.. versions];
    }
}
