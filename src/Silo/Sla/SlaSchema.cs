using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Sla;

/// <summary>
/// The SLA columns of migration step 9 (cases' clock stages and working-time flag, the templates' working
/// days). Step 9 also runs on a new database (its Quartz tables are outside the EF model), where EF's create
/// script has made these columns already, so each is added only where it is missing: PostgreSQL says
/// IF NOT EXISTS, SQLite (which cannot) is asked first.
/// </summary>
internal static class SlaSchema
{
    private static readonly (string Table, string Column, string Sqlite, string Postgres)[] Columns =
    [
        ("cases", "SlaWorkingTime", "INTEGER NOT NULL DEFAULT 0", "boolean NOT NULL DEFAULT FALSE"),
        ("cases", "FirstResponseSlaStage", "INTEGER NOT NULL DEFAULT 0", "integer NOT NULL DEFAULT 0"),
        ("cases", "ResolutionSlaStage", "INTEGER NOT NULL DEFAULT 0", "integer NOT NULL DEFAULT 0"),
        ("sla_templates", "WorkingDays", "INTEGER NOT NULL DEFAULT 0", "boolean NOT NULL DEFAULT FALSE"),
    ];

    /// <summary>Runs inside the migration transaction (the query sees the schema as the earlier steps left it).</summary>
    public static string AddMissingColumns(DbContext db)
    {
        var sql = new StringBuilder();
        foreach (var (table, column, sqlite, postgres) in Columns)
        {
            if (!db.Database.IsSqlite())
            {
                sql.AppendLine($"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS \"{column}\" {postgres};");
                continue;
            }
            var present = db.Database
                .SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM pragma_table_info({table}) WHERE name = {column}")
                .AsEnumerable().Single();
            if (present == 0) sql.AppendLine($"ALTER TABLE {table} ADD COLUMN \"{column}\" {sqlite};");
        }
        return sql.ToString();
    }
}
