using System.Collections.Concurrent;
using CityMatrix.Silo.Accounts;
using CityMatrix.Silo.Live;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Surges;

/// <summary>
/// Judges one topic × region × day: the day's count so far against its baseline (<see cref="ComparableDays"/>,
/// <see cref="SurgeDetector"/>); on a surge stores the alert (once across processes: the primary key) and
/// publishes it live. Cheap when nothing happens: one indexed SUM, and the baseline (past days, fixed for the
/// day) is cached per key.
/// </summary>
public sealed class SurgeEvaluator(
    CaseCountQueries counts,
    SurgeAlertStore alerts,
    SurgeUnits units,
    ILiveEventPublisher live,
    AccountDirectory accounts,
    IOptions<SurgeOptions> options,
    TimeProvider time)
{
    private const int MaxCachedBaselines = 20_000;
    private readonly ConcurrentDictionary<SurgeKey, byte> _fired = new();
    private readonly ConcurrentDictionary<SurgeKey, IReadOnlyList<BaselineDay>> _baselines = new();

    private SurgeOptions Options => options.Value;

    /// <summary>The alert this evaluation fired, or null (no surge, or it had already fired here or in another process).</summary>
    public async Task<SurgeAlert?> EvaluateAsync(SurgeKey key, CancellationToken cancellationToken = default)
    {
        if (_fired.ContainsKey(key)) return null;
        var count = await counts.DayCountAsync(key.Topic, key.RegionCode, key.Day, cancellationToken);
        if (count < Options.MinCount) return null;
        var baseline = await BaselineAsync(key, cancellationToken);
        var decision = SurgeDetector.Judge(count, baseline.Select(b => b.Count).ToList(), Options);
        if (!decision.Fires) return null;

        var alert = new SurgeAlert
        {
            Topic = key.Topic,
            RegionCode = key.RegionCode,
            Day = key.Day,
            FiredAt = time.GetUtcNow(),
            Count = count,
            Rule = decision.Rule,
            BaselineMax = decision.BaselineMax,
            BaselineMedian = decision.BaselineMedian,
            BaselineScale = Math.Round(decision.BaselineScale, 3),
            ZScore = Math.Round(decision.ZScore, 3),
            Baseline = [.. baseline],
            Units = await units.ForAsync(key, Options.SummonCount, cancellationToken),
        };
        var stored = await alerts.TryAddAsync(alert, cancellationToken);
        _fired.TryAdd(key, 0);
        if (!stored) return null;
        live.Publish(new LiveEvent(LiveEventTypes.Surge, alert.FiredAt, ScopeOf(alert), RegionCode: alert.RegionCode, Data: alert));
        return alert;
    }

    /// <summary>The comparable days and their counts (0 for an observed day without cases).</summary>
    public async Task<IReadOnlyList<BaselineDay>> BaselineAsync(SurgeKey key, CancellationToken cancellationToken = default)
    {
        if (_baselines.TryGetValue(key, out var cached)) return cached;
        var observedSince = await counts.ObservedSinceAsync(cancellationToken) ?? key.Day;
        var comparable = ComparableDays.For(key.Topic, key.Day, observedSince, Options);
        var found = await counts.DayCountsAsync(key.Topic, key.RegionCode, comparable.Select(c => c.Day).ToList(), cancellationToken);
        IReadOnlyList<BaselineDay> baseline = comparable
            .Select(c => new BaselineDay(c.Day, found.GetValueOrDefault(c.Day), c.Kind, c.YearsBack))
            .OrderBy(b => b.Day).ToList();
        // Only today's and yesterday's keys are ever evaluated in practice; a full cache is simply dropped.
        if (_baselines.Count >= MaxCachedBaselines) _baselines.Clear();
        _baselines.TryAdd(key, baseline);
        return baseline;
    }

    /// <summary>Dashboards of the units named, of the district's government (district alerts) and of the manager.</summary>
    private List<string> ScopeOf(SurgeAlert alert)
    {
        var scope = alert.Units.Select(u => u.AccountId).ToList();
        if (alert.RegionCode != SurgeRegions.City
            && accounts.All.FirstOrDefault(a => a.Active && a.Kind == AccountKind.DistrictGovernment && a.Jurisdiction.Contains(alert.RegionCode)) is { } district)
            scope.Add(district.Id);
        if (accounts.Manager is { } manager) scope.Add(manager.Id);
        return scope.Distinct().ToList();
    }
}
