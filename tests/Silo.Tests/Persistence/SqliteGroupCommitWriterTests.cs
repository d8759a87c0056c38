using System.Data.Common;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Routing;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Persistence;

public sealed class SqliteGroupCommitWriterTests() : SiloOnDatabase(StorageKind.Sqlite)
{
    private IStorageWriter Writer => Silo.Get<IStorageWriter>();

    private static Func<CityMatrixDbContext, CancellationToken, Task<int>> AddRule(string id, bool thenFail = false) => AddRules([id], thenFail);

    private static Func<CityMatrixDbContext, CancellationToken, Task<int>> AddRules(string[] ids, bool thenFail = false) => async (db, token) =>
    {
        foreach (var id in ids) db.RoutingRules.Add(new RoutingRule { Id = id, AccountId = "wzyc", CreatedBy = "test" });
        var saved = await db.SaveChangesAsync(token);
        if (thenFail) throw new InvalidOperationException($"write {string.Join(",", ids)} failed after saving");
        return saved;
    };

    private async Task<List<string>> RuleIdsAsync()
    {
        await using var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        return await db.RoutingRules.Select(r => r.Id).ToListAsync();
    }

    [Fact]
    public void On_sqlite_every_write_goes_through_the_group_commit_writer() =>
        Writer.ShouldBeOfType<SqliteGroupCommitWriter>();

    [Fact]
    public async Task Concurrent_writes_are_each_answered_only_once_committed()
    {
        var ids = Enumerable.Range(0, 300).Select(i => $"rule-{i}").ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await Writer.WriteAsync(AddRule(id));
            // Answered means committed: another connection sees it at once.
            await using var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
            (await db.RoutingRules.AnyAsync(r => r.Id == id)).ShouldBeTrue();
        })));

        (await RuleIdsAsync()).Order().ShouldBe(ids.Order());
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone_and_its_caller_gets_the_error()
    {
        var writes = Enumerable.Range(0, 50).Select(i => Writer.WriteAsync(AddRule($"ok-{i}", thenFail: i == 25))).ToList();

        var outcome = await Task.WhenAll(writes.Select(async w =>
        {
            try { await w; return "ok"; }
            catch (InvalidOperationException) { return "failed"; }
        }));

        outcome.Count(o => o == "failed").ShouldBe(1);
        var stored = await RuleIdsAsync();
        stored.Count.ShouldBe(49);
        stored.ShouldNotContain("ok-25");
    }

    [Fact]
    public async Task A_failing_write_queued_alone_is_rolled_back_whole_and_the_writes_queued_around_it_are_kept()
    {
        var writes = new List<Task<int>>();
        for (var i = 0; i < 10; i++) writes.Add(Writer.WriteAsync(AddRule($"small-{i}")));
        writes.Add(Writer.WriteAloneAsync(AddRules(["alone-bad-1", "alone-bad-2", "alone-bad-3"], thenFail: true)));
        for (var i = 10; i < 20; i++) writes.Add(Writer.WriteAsync(AddRule($"small-{i}")));
        writes.Add(Writer.WriteAloneAsync(AddRules(["alone-ok-1", "alone-ok-2"])));
        writes.Add(Writer.WriteAsync(AddRule("small-last")));

        var outcome = await Task.WhenAll(writes.Select(async w =>
        {
            try { return await w; }
            catch (InvalidOperationException) { return -1; }
        }));

        outcome.Count(o => o == -1).ShouldBe(1);
        outcome[10].ShouldBe(-1);
        outcome[21].ShouldBe(2);
        var stored = await RuleIdsAsync();
        stored.Count.ShouldBe(23);
        stored.ShouldNotContain(id => id.StartsWith("alone-bad", StringComparison.Ordinal));
        stored.ShouldContain("alone-ok-2");
        stored.ShouldContain("small-last");
    }

    /// <summary>A write that keeps the writer loop busy until the gate opens, so the writes queued meanwhile are taken together.</summary>
    private (TaskCompletionSource Gate, Task Holding) HoldTheWriter()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (gate, Writer.WriteAsync(async (_, _) =>
        {
            await gate.Task;
            return 0;
        }));
    }

    [Fact]
    public async Task Large_writes_queued_one_after_another_share_one_transaction()
    {
        var (gate, holding) = HoldTheWriter();
        var transactions = new DbTransaction?[3];
        var large = Enumerable.Range(0, 3).Select(i => Writer.WriteAloneAsync(async (db, token) =>
        {
            transactions[i] = db.Database.CurrentTransaction?.GetDbTransaction();
            return await AddRules([$"large-{i}"])(db, token);
        })).ToList();

        gate.SetResult();
        await holding;
        (await Task.WhenAll(large)).ShouldBe([1, 1, 1]);

        transactions.ShouldAllBe(t => t != null && ReferenceEquals(t, transactions[0]));
        (await RuleIdsAsync()).Order().ShouldBe(["large-0", "large-1", "large-2"]);
    }

    [Fact]
    public async Task A_large_write_failing_among_others_queued_with_it_is_rolled_back_alone_and_the_others_are_kept()
    {
        var (gate, holding) = HoldTheWriter();
        var runs = new int[3];
        var large = Enumerable.Range(0, 3).Select(i => Writer.WriteAloneAsync(async (db, token) =>
        {
            Interlocked.Increment(ref runs[i]);
            return await AddRules([$"large-{i}-a", $"large-{i}-b"], thenFail: i == 1)(db, token);
        })).ToList();

        gate.SetResult();
        await holding;
        var outcome = await Task.WhenAll(large.Select(async w =>
        {
            try { return await w; }
            catch (InvalidOperationException) { return -1; }
        }));

        outcome.ShouldBe([2, -1, 2]);
        // The first two ran in the shared transaction, which the failure rolled back, then each in its own; the third
        // only in its own.
        runs.ShouldBe([2, 2, 1]);
        (await RuleIdsAsync()).Order().ShouldBe(["large-0-a", "large-0-b", "large-2-a", "large-2-b"]);
    }

    [Fact]
    public async Task Statement_journals_and_other_temporary_files_stay_in_memory_on_writer_and_reader_connections()
    {
        // 2 = MEMORY. On a file, every statement inside the shared transaction copied the pages it changed into an
        // unlinked temporary file: most of what the server wrote under batch ingestion.
        (await Writer.WriteAsync((db, _) => TempStoreAsync(db))).ShouldBe(2);
        await using var reader = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        await reader.Database.OpenConnectionAsync();
        (await TempStoreAsync(reader)).ShouldBe(2);
    }

    [Fact]
    public async Task The_writer_checkpoints_the_wal_only_past_ten_thousand_pages_so_hot_pages_are_copied_once_per_checkpoint() =>
        (await Writer.WriteAsync((db, _) => PragmaAsync(db, "wal_autocheckpoint"))).ShouldBe(10_000);

    private static Task<long> TempStoreAsync(CityMatrixDbContext db) => PragmaAsync(db, "temp_store");

    private static async Task<long> PragmaAsync(CityMatrixDbContext db, string pragma)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"PRAGMA {pragma}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A writer with FULL durability over a database of its own, in the given journal mode.</summary>
    private static async Task<(SqliteGroupCommitWriter Writer, string Directory)> FullWriterAsync(string journalMode, TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "citymatrix-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new StorageOptions { DataDirectory = directory, SqliteSynchronous = "FULL" };
        await using (var setup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={options.SqlitePath};Pooling=False"))
        {
            await setup.OpenAsync();
            await using var command = setup.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode={journalMode}; CREATE TABLE t (id INTEGER PRIMARY KEY);";
            await command.ExecuteNonQueryAsync();
        }
        return (new SqliteGroupCommitWriter(Options.Create(options), time ?? TimeProvider.System, NullLogger<SqliteGroupCommitWriter>.Instance), directory);
    }

    [Fact]
    public async Task Under_full_durability_in_wal_mode_commits_leave_the_sync_to_the_wal_syncer_and_writes_are_answered_once_stored()
    {
        var (writer, directory) = await FullWriterAsync("WAL");
        await using (writer)
        {
            // The commit itself no longer waits for the disk (1 = NORMAL); the WAL is synced before the answers.
            (await writer.WriteAsync((db, _) => PragmaAsync(db, "synchronous"))).ShouldBe(1);
            await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(async () =>
            {
                await writer.WriteAsync((db, token) => db.Database.ExecuteSqlAsync($"INSERT INTO t (id) VALUES ({i})", token));
                await using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "citymatrix.db")};Pooling=False");
                await reader.OpenAsync();
                await using var command = reader.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM t WHERE id = {i}";
                ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1);
            })));
            await writer.WhenDurableAsync();
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task In_wal_mode_committed_pages_are_copied_into_the_database_file_beside_the_writer_each_checkpoint_interval()
    {
        var time = new SteppedTimeProvider(new DateTimeOffset(2026, 11, 15, 1, 0, 0, TimeSpan.Zero));
        var (writer, directory) = await FullWriterAsync("WAL", time);
        var database = new FileInfo(Path.Combine(directory, "citymatrix.db"));
        await using (writer)
        {
            // Far fewer pages than the writer's own checkpoint waits for: without the checkpointer they stay in the WAL.
            await writer.WriteAsync((db, token) => db.Database.ExecuteSqlRawAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO t (id) SELECT i FROM n", token));
            database.Refresh();
            var before = database.Length;
            new FileInfo(database.FullName + "-wal").Length.ShouldBeGreaterThan(before);

            // The clock has not moved: nothing was copied. Then each interval on the clock gives the checkpointer a turn
            // (its timer may start after the first step, so the clock is stepped until the copy is seen).
            await BoundedWait.UntilAsync(() =>
            {
                time.Advance(SqliteGroupCommitWriter.CheckpointInterval);
                database.Refresh();
                return Task.FromResult(database.Length > before);
            }, TimeSpan.FromSeconds(10), "the committed pages in the database file");
            (await writer.WriteAsync(async (db, token) => await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM t").SingleAsync(token))).ShouldBe(20000);
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task After_a_checkpoint_pass_the_writer_copies_what_was_committed_during_it_so_its_next_write_starts_the_wal_again()
    {
        var time = new SteppedTimeProvider(new DateTimeOffset(2026, 11, 15, 1, 0, 0, TimeSpan.Zero));
        var (writer, directory) = await FullWriterAsync("WAL", time);
        var path = Path.Combine(directory, "citymatrix.db");
        await using (writer)
        {
            // Well over the frames a pass must find (each row a page of its own), far under the writer's own checkpoint.
            await writer.WriteAsync((db, token) => db.Database.ExecuteSqlRawAsync(
                "CREATE TABLE big (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO big SELECT randomblob(3000) FROM n", token));
            (await WalFramesAsync(path)).ShouldBeGreaterThan(SqliteWalCheckpointer.FinishAtFrames);

            // One turn of the checkpointer: it copies all it finds, and a second pass finds nothing new.
            var checkpointer = writer.Checkpointer.ShouldNotBeNull();
            await BoundedWait.UntilAsync(() =>
            {
                if (checkpointer.Passes < 2) time.Advance(SqliteGroupCommitWriter.CheckpointInterval);
                return Task.FromResult(checkpointer.Passes >= 2);
            }, TimeSpan.FromSeconds(10), "a checkpoint turn of two passes");

            // Committed after the pass (as a writer that never stops does during one): the WAL is no longer all copied,
            // so a write would append to it, as SQLite starts the WAL again only when every frame is in the database.
            await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30"))
            {
                await other.OpenAsync();
                await using var insert = other.CreateCommand();
                insert.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO big SELECT randomblob(3000) FROM n";
                await insert.ExecuteNonQueryAsync();
            }

            // The writer finishes the checkpoint before its next group, which then starts the WAL from its beginning.
            await writer.WriteAsync((db, token) => db.Database.ExecuteSqlAsync($"INSERT INTO t (id) VALUES (1)", token));
            (await WalFramesAsync(path)).ShouldBeLessThan(50);
            (await writer.WriteAsync(async (db, token) => await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM big").SingleAsync(token))).ShouldBe(2500);
        }
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>The frames in the WAL now, as a PASSIVE checkpoint reports them (it copies them too).</summary>
    private static async Task<long> WalFramesAsync(string path)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync();
        reader.Read().ShouldBeTrue();
        return reader.GetInt64(1);
    }

    [Fact]
    public async Task Under_full_durability_outside_wal_mode_every_commit_still_syncs_itself()
    {
        var (writer, directory) = await FullWriterAsync("DELETE");
        await using (writer)
        {
            (await writer.WriteAsync((db, _) => PragmaAsync(db, "synchronous"))).ShouldBe(2);
            (await writer.WriteAsync((db, token) => db.Database.ExecuteSqlAsync($"INSERT INTO t (id) VALUES (1)", token))).ShouldBe(1);
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task When_theDatabase_cannot_be_opened_writes_fail_and_later_ones_succeed_once_it_can()
    {
        var directory = Path.Combine(Path.GetTempPath(), "citymatrix-tests", Guid.NewGuid().ToString("N"), "missing");
        var options = Options.Create(new StorageOptions { DataDirectory = directory, SqliteSynchronous = "NORMAL" });
        await using var writer = new SqliteGroupCommitWriter(options, TimeProvider.System, NullLogger<SqliteGroupCommitWriter>.Instance);

        await Should.ThrowAsync<Exception>(() => writer.WriteAsync((_, _) => Task.FromResult(1)));

        Directory.CreateDirectory(directory);
        (await writer.WriteAsync(async (db, token) => await db.Database.ExecuteSqlRawAsync("CREATE TABLE t (x INTEGER)", token))).ShouldBe(0);
        Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
    }
}
