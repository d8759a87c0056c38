using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Cases;

/// <summary>The read-side questions the batch decider asks of the cases table, on both databases.</summary>
public abstract class CaseQueriesTests(StorageKind kind) : SiloOnDatabase(kind)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 10, 0, 0, TimeSpan.Zero);

    private async Task StoreAsync(params CaseState[] cases)
    {
        await using var db = await Silo.Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        db.Cases.AddRange(cases);
        await db.SaveChangesAsync();
    }

    private static CaseState Case(string id, string citizen, string topic, string region, double hoursAgo, CaseStatus status, string? incident = null) => new()
    {
        Id = id, CitizenId = citizen, Text = $"{topic} {region}", Category = "城市管理", Topic = topic, RegionCode = region,
        ReceivedAt = Now.AddHours(-hoursAgo), Status = status, AccountId = "wzyc", ReceivedById = "wzyc", IncidentId = incident,
    };

    [Fact]
    public async Task First_open_cases_give_each_place_its_earliest_open_case_in_the_window_and_nothing_for_a_place_without_one()
    {
        await StoreAsync(
            Case("first-r1", "c1", "供暖", "640104", 2, CaseStatus.Forwarded, incident: "first-r1"),
            Case("later-r1", "c2", "供暖", "640104", 1, CaseStatus.Forwarded, incident: "first-r1"),
            Case("too-old-r2", "c3", "供暖", "640105", 80, CaseStatus.Forwarded),
            Case("closed-r2", "c4", "供暖", "640105", 3, CaseStatus.Closed),
            Case("first-r2", "c5", "供暖", "640105", 1, CaseStatus.Accepted),
            Case("merged-noise", "c6", "噪音", "640104", 1, CaseStatus.Merged));
        var queries = Silo.Get<CaseQueries>();
        (string, string)[] places = [("供暖", "640104"), ("噪音", "640104"), ("供暖", "640105"), ("噪音", "640199")];

        var firsts = await queries.FirstOpenCasesAsync(places, Now.AddHours(-72));

        firsts.Select(f => f.Id).ShouldBe(["first-r1", "first-r2"]);
        firsts[0].ShouldBe(new CaseSketch("first-r1", "c1", "城市管理", "供暖", "640104", Now.AddHours(-2), "first-r1"));
        firsts[1].ShouldBe(new CaseSketch("first-r2", "c5", "城市管理", "供暖", "640105", Now.AddHours(-1), null));
        // The same statement, run again with other values (it is kept compiled between runs): the window moved.
        (await queries.FirstOpenCasesAsync(places, Now.AddHours(-1.5))).Select(f => f.Id).ShouldBe(["later-r1", "first-r2"]);
        (await queries.FirstOpenCasesAsync([], Now)).ShouldBeEmpty();
    }
}

public sealed class CaseQueriesTests_on_Sqlite() : CaseQueriesTests(StorageKind.Sqlite);

public sealed class CaseQueriesTests_on_PostgreSql() : CaseQueriesTests(StorageKind.PostgreSql);
