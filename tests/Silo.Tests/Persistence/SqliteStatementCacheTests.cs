using System.Data.Common;
using System.Text.Json;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Posts;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>
/// SELECTs run from statements kept compiled with each native SQLite connection read exactly what Microsoft.Data.Sqlite
/// reads, and whatever the cache cannot run exactly so runs the ordinary way. Real SQLite files, real EF queries.
/// </summary>
public sealed class SqliteStatementCacheTests() : SiloOnDatabase(StorageKind.Sqlite)
{
    private string SqlitePath => Silo.Get<IOptions<StorageOptions>>().Value.SqlitePath;

    // Microsoft.Data.Sqlite alone: no interceptor, a native connection of its own.
    private SqliteConnection PlainConnection() => new($"Data Source={SqlitePath};Pooling=False");

    [Fact]
    public async Task A_query_run_again_on_a_pooled_connection_runs_the_statement_compiled_the_first_time()
    {
        // Three seeded accounts and their names, as Microsoft.Data.Sqlite alone reads them.
        var expected = new List<(string Id, string Name)>();
        await using (var plain = PlainConnection())
        {
            await plain.OpenAsync();
            await using var command = plain.CreateCommand();
            command.CommandText = "SELECT \"Id\", \"DisplayName\" FROM accounts ORDER BY \"Id\" LIMIT 3";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected.Add((reader.GetString(0), reader.GetString(1)));
        }
        expected.Count.ShouldBe(3);

        // A pool of this test's own (its connection string differs from the silo's), so no background service of the
        // silo takes the native connection between two contexts: each context gets the one the last returned.
        var options = new DbContextOptionsBuilder<CityMatrixDbContext>()
            .UseSqlite($"Data Source={SqlitePath};Default Timeout=29;Pooling=True")
            .AddInterceptors(new SqliteStatementCache()).Options;
        string? sql = null;
        var handles = new List<SQLitePCL.sqlite3>();
        foreach (var (id, name) in expected)
        {
            await using var db = new CityMatrixDbContext(options);
            var query = db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.DisplayName);
            sql ??= query.CreateDbCommand().CommandText;
            (await query.ToListAsync()).ShouldBe([name], $"account {id}");
            await db.Database.OpenConnectionAsync();
            handles.Add(((SqliteConnection)db.Database.GetDbConnection()).Handle!);
        }
        handles.Distinct().Count().ShouldBe(1, "the pool handed each context the same native connection");
        await using var last = new CityMatrixDbContext(options);
        await last.Database.OpenConnectionAsync();
        // One statement, compiled by the first context and run by all three.
        SqliteStatementCache.RunsOf((SqliteConnection)last.Database.GetDbConnection(), sql!).ShouldBe(expected.Count);
    }

    [Fact]
    public async Task Every_entity_reads_back_through_kept_statements_as_Microsoft_Data_Sqlite_reads_it()
    {
        // Cases, timelines, posts, outbox, counters by day, live rows: what a batch of posts writes.
        var now = Silo.Get<TimeProvider>().GetUtcNow();
        IncomingPost Post(string id, string text, string author) => new("weibo", id, new PostAuthor(author, "网友"), text, now, null, [], null);
        await Silo.Get<PostBatchIngestion>().IngestAsync([
            Post("s1", "兴庆区凤凰北街崇安社区暖气一点都不热，家里才15度，热力公司什么时候能管管？", "a"),
            Post("s2", "崇安社区暖气不热，屋里冷得要穿羽绒服，热力公司管管吧", "b"),
            Post("s3", "金凤区正源街这家烧烤店每天半夜还在营业，噪音太大了根本睡不着，能不能管管", "c"),
            Post("s4", "今天金凤区的天气真好，去阅海公园散步了", "d"),
        ]);

        var contexts = Silo.Get<IDbContextFactory<CityMatrixDbContext>>();
        var plainOptions = new DbContextOptionsBuilder<CityMatrixDbContext>().UseSqlite($"Data Source={SqlitePath};Pooling=False").Options;
        await using var probe = await contexts.CreateDbContextAsync();
        var entityTypes = probe.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && t.ClrType != typeof(Dictionary<string, object>)).ToList();
        entityTypes.Count.ShouldBeGreaterThan(10);
        var rowsRead = 0;
        foreach (var entityType in entityTypes)
        {
            string cached, plain;
            string sql;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.Database.OpenConnectionAsync();
                var query = AllOf(db, entityType.ClrType);
                sql = query.CreateDbCommand().CommandText;
                var rows = await ListAsync(query);
                rowsRead += rows.Count;
                cached = JsonSerializer.Serialize(rows);
                SqliteStatementCache.RunsOf((SqliteConnection)db.Database.GetDbConnection(), sql).ShouldBeGreaterThan(0, $"{entityType.ClrType.Name} was read through a kept statement");
            }
            await using (var db = new CityMatrixDbContext(plainOptions))
                plain = JsonSerializer.Serialize(await ListAsync(AllOf(db, entityType.ClrType)));
            cached.ShouldBe(plain, entityType.ClrType.Name);
        }
        rowsRead.ShouldBeGreaterThan(100, "the seeded matrix and the batch's rows were compared, not empty tables");
    }

    private static IQueryable AllOf(CityMatrixDbContext db, Type type)
    {
        var set = (IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(db, null)!;
        return (IQueryable)typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!
            .MakeGenericMethod(type).Invoke(null, [set])!;
    }

    private static async Task<List<object>> ListAsync(IQueryable query)
    {
        var rows = new List<object>();
        var enumerator = ((IAsyncEnumerable<object>)typeof(SqliteStatementCacheTests).GetMethod(nameof(AsObjects), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(query.ElementType).Invoke(null, [query])!).GetAsyncEnumerator();
        while (await enumerator.MoveNextAsync()) rows.Add(enumerator.Current);
        return rows;
    }

    private static async IAsyncEnumerable<object> AsObjects<T>(IQueryable<T> query)
    {
        await foreach (var row in query.AsAsyncEnumerable()) yield return row!;
    }

    private async Task<SqliteConnection> TableOfEveryKindAsync()
    {
        var connection = new SqliteConnection($"Data Source={SqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS every_kind (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT, d TEXT, m TEXT);
            DELETE FROM every_kind;
            INSERT INTO every_kind VALUES (42, 2.5, '崇安社区暖气', x'0102ff', NULL, '2026-11-28', '12.50');
            INSERT INTO every_kind VALUES (-7, -0.25, '', x'', NULL, '2000-01-01', '1e3');
            INSERT INTO every_kind VALUES (3000000000, 1e300, 'x', NULL, 'not null', '1999-12-31', '-0.001');
            """;
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task InsertFromAnotherConnectionAsync(long i)
    {
        await using var writer = PlainConnection();
        await writer.OpenAsync();
        await using var insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO every_kind (i) VALUES ($i)";
        insert.Parameters.AddWithValue("$i", i);
        await insert.ExecuteNonQueryAsync();
    }

    private const string EveryKindSql = "SELECT i, r, s, b, n, d, m, i AS i_again FROM every_kind WHERE i > @min ORDER BY i";

    private static SqliteCommand EveryKindCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = EveryKindSql;
        command.Parameters.AddWithValue("@min", -100L);
        return command;
    }

    /// <summary>Every getter EF's SQLite mappings call, on every storage class and on NULL, by Microsoft.Data.Sqlite's reader.</summary>
    private static List<string> ReadAll(DbDataReader reader)
    {
        var seen = new List<string>();
        string Try(Func<object?> read)
        {
            try { return JsonSerializer.Serialize(read()); }
            // Which exception is not compared: a Julian-day number read as a date is refused here where
            // Microsoft.Data.Sqlite converts it (this model writes dates as text); a failed read is a failed read.
            catch (Exception) { return "throws"; }
        }
        seen.Add($"fields {reader.FieldCount} hasRows {reader.HasRows}");
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                seen.Add(string.Join(" | ",
                    reader.GetName(i), reader.GetOrdinal(reader.GetName(i)), reader.IsDBNull(i), reader.GetFieldType(i).Name, reader.GetDataTypeName(i),
                    Try(() => reader.GetValue(i)), Try(() => reader.GetInt64(i)), Try(() => reader.GetInt32(i)), Try(() => reader.GetBoolean(i)),
                    Try(() => reader.GetDouble(i)), Try(() => reader.GetFloat(i)), Try(() => reader.GetString(i)), Try(() => reader.GetDecimal(i)),
                    Try(() => reader.GetFieldValue<byte[]>(i)), Try(() => reader.GetFieldValue<string?>(i)), Try(() => reader.GetFieldValue<long?>(i)),
                    Try(() => reader.GetFieldValue<double?>(i)), Try(() => reader.GetFieldValue<DateOnly>(i)), Try(() => reader.GetFieldValue<int>(i))));
            }
        }
        return seen;
    }

    [Fact]
    public async Task A_kept_statement_reads_every_storage_class_and_null_as_Microsoft_Data_Sqlite_does()
    {
        await using var connection = await TableOfEveryKindAsync();
        List<string> expected;
        await using (var command = EveryKindCommand(connection))
        await using (var reader = await command.ExecuteReaderAsync())
            expected = ReadAll(reader);

        for (var run = 0; run < 2; run++)
        {
            await using var command = EveryKindCommand(connection);
            await using var reader = await SqliteStatementCache.ExecuteReaderAsync(command);
            reader.ShouldBeOfType<SqliteStatementReader>($"run {run + 1}");
            var read = ReadAll(reader);
            read.Count.ShouldBe(expected.Count, $"run {run + 1}");
            for (var i = 0; i < read.Count; i++) read[i].ShouldBe(expected[i], $"run {run + 1}, line {i}");
        }
        SqliteStatementCache.RunsOf(connection, EveryKindSql).ShouldBe(2);
    }

    [Fact]
    public async Task A_statement_still_being_read_is_not_handed_out_again_and_both_readers_read_every_row()
    {
        await using var connection = await TableOfEveryKindAsync();
        await using var first = EveryKindCommand(connection);
        await using var second = EveryKindCommand(connection);

        await using var outer = await SqliteStatementCache.ExecuteReaderAsync(first);
        outer.ShouldBeOfType<SqliteStatementReader>();
        (await outer.ReadAsync()).ShouldBeTrue();
        var outerIds = new List<long> { outer.GetInt64(0) };
        await using (var inner = await SqliteStatementCache.ExecuteReaderAsync(second))
        {
            inner.ShouldBeOfType<SqliteDataReader>("the kept statement is being read");
            var innerIds = new List<long>();
            while (await inner.ReadAsync()) innerIds.Add(inner.GetInt64(0));
            innerIds.ShouldBe([-7L, 42L, 3000000000L]);
        }
        while (await outer.ReadAsync()) outerIds.Add(outer.GetInt64(0));
        outerIds.ShouldBe([-7L, 42L, 3000000000L]);
    }

    [Theory]
    [InlineData("size")]
    [InlineData("type")]
    [InlineData("unbound")]
    public async Task A_parameter_it_cannot_bind_exactly_as_Microsoft_Data_Sqlite_runs_the_ordinary_way(string fault)
    {
        await using var connection = new SqliteConnection($"Data Source={SqlitePath}");
        await connection.OpenAsync();
        SqliteCommand Command()
        {
            var command = connection.CreateCommand();
            command.CommandText = "SELECT @p, typeof(@p)";
            var parameter = command.Parameters.AddWithValue("@p", "abcdef");
            if (fault == "size") parameter.Size = 2;
            if (fault == "type") parameter.SqliteType = SqliteType.Blob;
            if (fault == "unbound") parameter.ParameterName = "@other";
            return command;
        }

        if (fault == "unbound")
        {
            // Microsoft.Data.Sqlite's own error, not a NULL bound silently.
            await using var unbound = Command();
            await Should.ThrowAsync<InvalidOperationException>(() => SqliteStatementCache.ExecuteReaderAsync(unbound));
            return;
        }
        List<string> expected;
        await using (var plain = Command())
        await using (var reader = await plain.ExecuteReaderAsync())
            expected = ReadAll(reader);
        await using var command = Command();
        await using var served = await SqliteStatementCache.ExecuteReaderAsync(command);
        served.ShouldBeOfType<SqliteDataReader>();
        ReadAll(served).ShouldBe(expected);
        if (fault == "size") expected.ShouldContain(line => line.Contains("\"ab\"", StringComparison.Ordinal), "Microsoft.Data.Sqlite cut the text to its Size");
    }

    [Fact]
    public async Task A_statement_that_writes_is_left_to_Microsoft_Data_Sqlite_and_not_kept()
    {
        await using var connection = await TableOfEveryKindAsync();
        var kept = SqliteStatementCache.CachedOn(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO every_kind (i) VALUES (5) RETURNING i";
        await using (var reader = await SqliteStatementCache.ExecuteReaderAsync(command))
        {
            reader.ShouldBeOfType<SqliteDataReader>();
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetInt64(0).ShouldBe(5);
        }
        SqliteStatementCache.CachedOn(connection).ShouldBe(kept);
    }

    [Fact]
    public async Task A_reader_left_open_when_its_context_closes_fails_the_close_and_hands_no_old_snapshot_to_the_next_context()
    {
        await using var table = await TableOfEveryKindAsync();
        var contexts = Silo.Get<IDbContextFactory<CityMatrixDbContext>>();
        const string sql = "SELECT i AS \"Value\" FROM every_kind";
        IAsyncEnumerator<long> abandoned;
        var db = await contexts.CreateDbContextAsync();
        abandoned = db.Database.SqlQueryRaw<long>(sql).AsAsyncEnumerable().GetAsyncEnumerator();
        (await abandoned.MoveNextAsync()).ShouldBeTrue();
        // Microsoft.Data.Sqlite resets its own readers' statements at close (its close would succeed); a kept statement
        // mid-read makes the close fail (SQLITE_BUSY) instead. EF disposes every reader it opens, so only code that abandons one meets this.
        await Should.ThrowAsync<SqliteException>(async () => await db.DisposeAsync());

        await InsertFromAnotherConnectionAsync(9);
        for (var i = 0; i < 3; i++)
        {
            await using var next = await contexts.CreateDbContextAsync();
            (await next.Database.SqlQueryRaw<long>(sql).ToListAsync()).ShouldContain(9, $"context {i + 1} after the failed close");
        }
        await abandoned.DisposeAsync();
    }

    [Fact]
    public async Task A_kept_statement_reads_rows_committed_after_it_was_compiled()
    {
        await using var connection = await TableOfEveryKindAsync();
        async Task<List<long>> IdsAsync()
        {
            await using var command = EveryKindCommand(connection);
            await using var reader = await SqliteStatementCache.ExecuteReaderAsync(command);
            reader.ShouldBeOfType<SqliteStatementReader>();
            var ids = new List<long>();
            while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
            return ids;
        }
        (await IdsAsync()).Count.ShouldBe(3);

        await InsertFromAnotherConnectionAsync(9);
        (await IdsAsync()).ShouldBe([-7L, 9L, 42L, 3000000000L]);
    }
}
