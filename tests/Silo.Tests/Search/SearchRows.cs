using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Search;

/// <summary>The rows of a silo's search index, read where they live: the index's own file on SQLite, the store on PostgreSQL.</summary>
public static class SearchRows
{
    public static async Task<List<(string Kind, string Id, string Tokens, long Version, long SourceVersion)>> ReadAsync(SiloHost silo)
    {
        var options = silo.Get<IOptions<StorageOptions>>().Value;
        if (options.Provider == StorageProvider.Sqlite)
        {
            var rows = new List<(string, string, string, long, long)>();
            if (!File.Exists(options.SqliteSearchPath)) return rows; // made by the first catch-up
            await using var connection = new SqliteConnection($"Data Source={options.SqliteSearchPath};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // A row is remade in place there, so it is never behind its source: its version stands for both.
            command.CommandText = "SELECT kind, source_id, tokens, version FROM search_docs";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(3)));
            return [.. rows.Order()];
        }
        await using var db = await silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return (await db.Database.SqlQueryRaw<Row>("SELECT kind AS \"Kind\", source_id AS \"Id\", tokens AS \"Tokens\", version AS \"Version\", source_version AS \"SourceVersion\" FROM search_docs").ToListAsync())
            .Select(r => (r.Kind, r.Id, r.Tokens, r.Version, r.SourceVersion))
            .Order()
            .ToList();
    }

    private sealed record Row(string Kind, string Id, string Tokens, long Version, long SourceVersion);
}
