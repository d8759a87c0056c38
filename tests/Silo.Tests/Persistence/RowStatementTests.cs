using CityMatrix.Silo.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Persistence;

/// <summary>The row statement on SQLite (compiled once per connection, bound by position), on a real SQLite file.</summary>
public sealed class RowStatementTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "citymatrix-tests", Guid.NewGuid().ToString("N"));
    private SqliteConnection _connection = null!;
    private CityMatrixDbContext _db = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "rows.db")};Pooling=False");
        await _connection.OpenAsync();
        _db = new CityMatrixDbContext(new DbContextOptionsBuilder<CityMatrixDbContext>().UseSqlite(_connection).Options);
        await _db.Database.ExecuteSqlRawAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, n INTEGER, f REAL, b INTEGER, x, version INTEGER)");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private RowStatement Insert() => RowStatement.For(_db, "INSERT INTO t (id, k, n, f, b, x, version) VALUES (@id, @k, @n, @f, @b, @x, 1)", ["@id", "@k", "@n", "@f", "@b", "@x"]);

    private async Task<List<string>> RowAsync(long id)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT quote(k), typeof(n), quote(n), typeof(f), quote(f), quote(b), typeof(x), quote(x) FROM t WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)];
    }

    [Theory]
    [InlineData("text", 42, 1.5, true, null)]
    [InlineData("", -7, 0.0, false, "汉字")]
    [InlineData(null, long.MaxValue, -2.25, true, 3.75)]
    public async Task Values_are_stored_exactly_as_the_driver_stores_them(string? text, long number, double real, bool flag, object? other)
    {
        var statement = Insert();
        object?[] values = [1L, text, number, real, flag, other];
        for (var i = 0; i < values.Length; i++) statement.Set(i, values[i]);
        (await statement.ExecuteAsync()).ShouldBe(1);
        await using (var command = _connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO t (id, k, n, f, b, x, version) VALUES (2, @k, @n, @f, @b, @x, 1)";
            command.Parameters.AddWithValue("@k", (object?)text ?? DBNull.Value);
            command.Parameters.AddWithValue("@n", number);
            command.Parameters.AddWithValue("@f", real);
            command.Parameters.AddWithValue("@b", flag);
            command.Parameters.AddWithValue("@x", other ?? DBNull.Value);
            await command.ExecuteNonQueryAsync();
        }

        (await RowAsync(1)).ShouldBe(await RowAsync(2));
    }

    [Fact]
    public async Task A_key_taken_throws_the_drivers_constraint_error_and_the_statement_runs_again_after_it()
    {
        await _db.Database.ExecuteSqlRawAsync("CREATE UNIQUE INDEX t_k ON t (k)");
        var statement = Insert();
        object?[] first = [1L, "same", 1L, 0.0, false, null];
        for (var i = 0; i < first.Length; i++) statement.Set(i, first[i]);
        await statement.ExecuteAsync();

        statement.Set(0, 2L);
        var error = await Should.ThrowAsync<SqliteException>(() => statement.ExecuteAsync());
        error.SqliteErrorCode.ShouldBe(19);

        statement.Set(1, "other");
        (await statement.ExecuteAsync()).ShouldBe(1);
        (await _db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM t").SingleAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Running_answers_the_rows_changed_so_an_update_at_a_stale_version_changes_none()
    {
        var insert = Insert();
        object?[] row = [1L, "k", 1L, 0.0, false, null];
        for (var i = 0; i < row.Length; i++) insert.Set(i, row[i]);
        await insert.ExecuteAsync();
        var update = RowStatement.For(_db, "UPDATE t SET n = @n, version = version + 1 WHERE id = @id AND version = @expected", ["@n", "@id", "@expected"]);

        update.Set(0, 5L);
        update.Set(1, 1L);
        update.Set(2, 1L);
        (await update.ExecuteAsync()).ShouldBe(1);
        (await update.ExecuteAsync()).ShouldBe(0);
    }

    [Fact]
    public void A_statement_given_the_wrong_number_of_parameter_names_is_refused_with_both_counts() =>
        Should.Throw<ArgumentException>(() => RowStatement.For(_db, "INSERT INTO t (id, k) VALUES (@id, @k)", ["@id"]))
            .Message.ShouldStartWith("The statement has 2 parameters, not 1");

    [Fact]
    public async Task A_statement_is_compiled_once_per_connection_and_kept_for_its_next_write()
    {
        var first = Insert();
        await first.DisposeAsync();

        Insert().ShouldBeSameAs(first);
        await using var other = new SqliteConnection(_connection.ConnectionString);
        await other.OpenAsync();
        await using var otherDb = new CityMatrixDbContext(new DbContextOptionsBuilder<CityMatrixDbContext>().UseSqlite(other).Options);
        RowStatement.For(otherDb, "INSERT INTO t (id, k, n, f, b, x, version) VALUES (@id, @k, @n, @f, @b, @x, 1)", ["@id", "@k", "@n", "@f", "@b", "@x"]).ShouldNotBeSameAs(first);
    }
}
