using System.Collections.Concurrent;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Cases;
using CityMatrix.Silo.Metrics;
using CityMatrix.Silo.Persistence;
using CityMatrix.Silo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CityMatrix.Silo.Tests.Metrics;

/// <summary>
/// Thousands of generated cases, written by many tasks through two silos on one database (so writes race
/// and lose ETag checks), must leave counters equal to a recomputation from the cases table and timeline,
/// and equal to the C# definitions applied to every stored case.
/// </summary>
public abstract class MetricCountersConcurrencyTests(StorageKind kind) : IAsyncLifetime
{
    private const int CaseCount = 2000;
    private const int Tasks = 32;

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentBag<string> _openedIds = [];
    private TestDatabase _database = null!;
    private SiloHost[] _silos = [];
    private string[] _units = [];
    private int _refusals;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _silos = [await _database.StartSiloAsync(_clock), await _database.StartSiloAsync(_clock)];
        _units = _silos[0].Get<AccountDirectory>().All
            .Where(a => a.Active && a.Kind is AccountKind.Street or AccountKind.Community or AccountKind.BureauBranch or AccountKind.Enterprise)
            .Select(a => a.Id).Order(StringComparer.Ordinal).Where((_, i) => i % 17 == 0).ToArray();
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Counters_equal_a_recomputation_from_the_cases_after_thousands_of_concurrent_case_writes()
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < CaseCount; i = Interlocked.Increment(ref next))
            {
                await RunCaseAsync(i, new Random(i));
            }
        })));

        var counters = (await _silos[1].Get<MetricsStore>().ReadAllAsync()).Where(r => !r.Value.IsZero).ToDictionary();
        var recomputed = await _silos[0].Get<MetricsRecomputation>().AllRowsAsync();
        var fromCode = await ContributionsOfStoredCasesAsync();

        counters.Keys.Order().ShouldBe(recomputed.Keys.Order());
        foreach (var (key, counts) in recomputed) counters[key].ShouldBe(counts, key.ToString());
        fromCode.Keys.Order().ShouldBe(recomputed.Keys.Order());
        foreach (var (key, counts) in recomputed) fromCode[key].ShouldBe(counts, key.ToString());

        // The generated cases reach both sides of every definition, and writes did race.
        var total = MetricCounts.Sum(counters.Where(r => CityDay.IsMonthKey(r.Key.Day)).Select(r => r.Value));
        MetricCounts.Sum(counters.Where(r => !CityDay.IsMonthKey(r.Key.Day)).Select(r => r.Value)).ShouldBe(total);
        (total.Received + total.Merged).ShouldBe(CaseCount);
        total.Merged.ShouldBeGreaterThan(0);
        total.AcceptedInTime.ShouldBeInRange(1, total.ResponseDue - 1);
        total.RespondedInTime.ShouldBeInRange(1, total.ResponseDue - 1);
        total.ClosedOnTime.ShouldBeInRange(1, total.Closed - 1);
        total.Reopened.ShouldBeInRange(1, total.EverClosed - 1);
        total.Solved.ShouldBeInRange(1, total.Rated - 1);
        total.Satisfied.ShouldBeInRange(1, total.Rated - 1);
        total.Open.ShouldBeGreaterThan(0);
        total.Closures.ShouldBe(total.Closed);
        counters.Keys.Select(k => k.Day).Where(d => !CityDay.IsMonthKey(d)).Distinct().Count().ShouldBeGreaterThan(20);
        _refusals.ShouldBeGreaterThan(0);
    }

    /// <summary>The C# definitions over every stored case, read back from the database (rows and timelines).</summary>
    private async Task<Dictionary<CounterKey, MetricCounts>> ContributionsOfStoredCasesAsync()
    {
        var precision = kind == StorageKind.PostgreSql ? 10 : 1;
        await using var db = await _silos[0].Get<IDbContextFactory<CityMatrixDbContext>>().CreateDbContextAsync();
        var timelines = (await db.CaseEvents.AsNoTracking().ToListAsync()).ToLookup(e => e.CaseId);
        var rows = new Dictionary<CounterKey, MetricCounts>();
        foreach (var state in await db.Cases.AsNoTracking().ToListAsync())
        {
            state.Timeline = [.. timelines[state.Id].OrderBy(e => e.Seq)];
            foreach (var (key, counts) in CaseMetrics.ContributionOf(state, precision).Rows)
            {
                if (!rows.TryGetValue(key, out var row)) rows[key] = row = new MetricCounts();
                row.Add(counts);
            }
        }
        return rows.Where(r => !r.Value.IsZero).ToDictionary();
    }

    private SiloHost Any(Random random) => _silos[random.Next(_silos.Length)];

    private void Tick(Random random) => _clock.Advance(TimeSpan.FromSeconds(random.Next(0, 360)));

    private static CaseActor Unit(string id) => new(id, "op-" + id);

    /// <summary>One case's life, each step from a random silo, with random delays, branches and racing duplicates.</summary>
    private async Task RunCaseAsync(int i, Random random)
    {
        var citizen = $"citizen-{i}";
        var opened = await Any(random).Get<CaseService>().OpenAsync(new OpenCase(
            CaseActor.System(CaseDriver.Manager), CaseDriver.Manager, citizen, "小区暖气不热", "城乡建设", "供暖", "640104001", CaseUrgency.Normal));
        var id = opened.Id;
        if (random.NextDouble() < 0.06)
        {
            if (random.NextDouble() < 0.5) await MergeIntoAnotherAsync(id, random);
            return;
        }
        _openedIds.Add(id);
        var unit = _units[random.Next(_units.Length)];
        await StepAsync(id, random, Forward(unit, random));
        if (random.NextDouble() < 0.1)
        {
            await StepAsync(id, random, new ReturnCase(Unit(unit), "不属于本单位"));
            unit = _units[random.Next(_units.Length)];
            await StepAsync(id, random, Forward(unit, random));
        }
        if (random.NextDouble() < 0.08)
        {
            await MergeIntoAnotherAsync(id, random);
            return;
        }
        if (random.NextDouble() < 0.1) return; // never signed for
        // Two silos sign for it at once: one wins, the other is refused or retried on fresh state.
        await Task.WhenAll(StepAsync(id, random, new AcceptCase(Unit(unit))), StepAsync(id, random, new AcceptCase(Unit(unit))),
            StepAsync(id, random, new SuperviseCase(CaseActor.System(CaseDriver.Manager), 1, "请及时办理")));
        if (random.NextDouble() < 0.1)
        {
            var next = _units[random.Next(_units.Length)];
            if (next != unit)
            {
                await StepAsync(id, random, Forward(next, random, by: unit));
                if (random.NextDouble() < 0.6)
                {
                    unit = next;
                    await StepAsync(id, random, new AcceptCase(Unit(unit)));
                }
            }
        }
        if (random.NextDouble() < 0.1)
        {
            await StepAsync(id, random, new RequestExtension(Unit(unit), _clock.GetUtcNow().AddHours(random.Next(24, 96)), "需协调"));
            await StepAsync(id, random, new DecideExtension(new CaseActor(CaseDriver.Manager, "op"), random.NextDouble() < 0.7, null));
        }
        if (random.NextDouble() < 0.15) return; // still being handled
        await StepAsync(id, random, new ReplyCase(Unit(unit), "已处理"));
        await StepAsync(id, random, new CloseCase(Unit(unit), null));
        if (random.NextDouble() < 0.2)
        {
            await StepAsync(id, random, new ReopenCase(CaseActor.Citizen(citizen), "问题仍未解决"));
            await StepAsync(id, random, new AcceptCase(Unit(unit)));
            if (random.NextDouble() < 0.3) return;
            await StepAsync(id, random, new ReplyCase(Unit(unit), "再次处理"));
            await StepAsync(id, random, new CloseCase(Unit(unit), null));
        }
        if (random.NextDouble() < 0.75)
        {
            await StepAsync(id, random, new RateCase(CaseActor.Citizen(citizen), random.NextDouble() < 0.8, random.NextDouble() < 0.7, null));
        }
    }

    private ForwardCase Forward(string to, Random random, string by = CaseDriver.Manager)
    {
        var now = _clock.GetUtcNow();
        DateTimeOffset? response = random.NextDouble() < 0.1 ? null : now.AddMinutes(random.Next(30, 8 * 60));
        return new ForwardCase(Unit(by), to, now.AddHours(random.Next(1, 72)), by == CaseDriver.Manager ? null : "另有主管单位", response);
    }

    private async Task MergeIntoAnotherAsync(string id, Random random)
    {
        var targets = _openedIds.Where(t => t != id).ToArray();
        if (targets.Length == 0) return;
        await StepAsync(id, random, new MergeCase(new CaseActor(CaseDriver.Manager, "op"), targets[random.Next(targets.Length)], "重复"));
    }

    private async Task StepAsync(string id, Random random, CaseCommand command)
    {
        Tick(random);
        try
        {
            await Any(random).Get<CaseService>().ExecuteAsync(id, command);
        }
        catch (DomainException)
        {
            // A refused step (the racing twin already did it, a reopen past its window…) changes nothing.
            Interlocked.Increment(ref _refusals);
        }
    }
}

public sealed class SqliteMetricCountersConcurrencyTests() : MetricCountersConcurrencyTests(StorageKind.Sqlite);

public sealed class PostgresMetricCountersConcurrencyTests() : MetricCountersConcurrencyTests(StorageKind.PostgreSql);
