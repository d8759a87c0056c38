using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Routing;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Tests.Persistence;

public sealed class SqliteGroupCommitWriterTests() : SiloOnDatabase(StorageKind.Sqlite)
{
    private IStorageWriter Writer => Silo.Get<IStorageWriter>();

    private static Func<CityMatrixDbContext, CancellationToken, Task<int>> AddRule(string id, bool thenFail = false) => async (db, token) =>
    {
        db.RoutingRules.Add(new RoutingRule { Id = id, AccountId = "wzyc", CreatedBy = "test" });
        var saved = await db.SaveChangesAsync(token);
        if (thenFail) throw new InvalidOperationException($"write {id} failed after saving");
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
    public async Task When_theDatabase_cannot_be_opened_writes_fail_and_later_ones_succeed_once_it_can()
    {
        var directory = Path.Combine(Path.GetTempPath(), "citymatrix-tests", Guid.NewGuid().ToString("N"), "missing");
        var options = Options.Create(new StorageOptions { DataDirectory = directory, SqliteSynchronous = "NORMAL" });
        await using var writer = new SqliteGroupCommitWriter(options, NullLogger<SqliteGroupCommitWriter>.Instance);

        await Should.ThrowAsync<Exception>(() => writer.WriteAsync((_, _) => Task.FromResult(1)));

        Directory.CreateDirectory(directory);
        (await writer.WriteAsync(async (db, token) => await db.Database.ExecuteSqlRawAsync("CREATE TABLE t (x INTEGER)", token))).ShouldBe(0);
        Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
    }
}
