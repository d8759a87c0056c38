using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>The per-connection pragmas are set once per native connection, and a pooled connection handed out again keeps them.</summary>
public sealed class SqlitePragmaInterceptorTests() : SiloOnDatabase(StorageKind.Sqlite)
{
    private static async Task<long> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_by_another_context_keeps_the_pragmas_set_when_it_was_new()
    {
        var contexts = Silo.Get<IDbContextFactory<CityMatrixDbContext>>();
        var synchronous = Array.IndexOf(["OFF", "NORMAL", "FULL", "EXTRA"], Silo.Get<IOptions<StorageOptions>>().Value.SqliteSynchronous);
        var handles = new List<SQLitePCL.sqlite3>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            handles.Add(connection.Handle!);

            (await PragmaAsync(connection, "busy_timeout")).ShouldBe(SqliteBusyWait.TimeoutMilliseconds, $"open {i + 1}");
            (await PragmaAsync(connection, "temp_store")).ShouldBe(2, $"open {i + 1}: MEMORY");
            (await PragmaAsync(connection, "foreign_keys")).ShouldBe(0, $"open {i + 1}");
            (await PragmaAsync(connection, "synchronous")).ShouldBe(synchronous, $"open {i + 1}: the configured level");
        }
        // One native connection, taken from the pool each time: the later opens found it set.
        handles.Distinct().Count().ShouldBe(1);
    }
}
