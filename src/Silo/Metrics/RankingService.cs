using CityMatrix.Silo.Accounts;
using Microsoft.Extensions.Options;

namespace CityMatrix.Silo.Metrics;

/// <summary>
/// Monthly rankings (docs/METRICS.md "Rankings"): each unit's subtree counters for the month's cohort, the
/// weighted score, competition ranks ("1, 2, 2, 4") on the score rounded to 2 places, and the movement
/// against the previous month computed the same way. Two counter queries per request whatever the kind.
/// </summary>
public sealed class RankingService(MetricsStore store, AccountDirectory accounts, IOptions<RankingOptions> options)
{
    public async Task<RankingTable> RankAsync(RankingKind kind, int year, int month, CancellationToken cancellationToken = default) =>
        (await RankAsync([kind], year, month, cancellationToken))[0];

    public async Task<IReadOnlyList<RankingTable>> RankAsync(IReadOnlyList<RankingKind> kinds, int year, int month, CancellationToken cancellationToken = default)
    {
        var range = DayRange.Month(year, month);
        var current = await store.SumByAccountAsync(range, null, cancellationToken);
        var previous = await store.SumByAccountAsync(range.Previous(), null, cancellationToken);
        return Rank(kinds, year, month, current, previous);
    }

    /// <summary>The rankings from per-account sums of the month and of the month before (the bench feeds sums recomputed from the cases).</summary>
    public IReadOnlyList<RankingTable> Rank(
        IReadOnlyList<RankingKind> kinds, int year, int month, IReadOnlyDictionary<string, MetricCounts> current, IReadOnlyDictionary<string, MetricCounts> previous)
    {
        var settings = options.Value;
        var weights = settings.ActiveWeights();
        return kinds.Select(kind =>
        {
            var units = accounts.All.Where(a => a.Active && a.Kind == RankingKinds.AccountKindOf(kind)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            var subtrees = units.ToDictionary(u => u.Id, u => accounts.SubtreeOf(u.Id), StringComparer.Ordinal);
            var before = Score(units, subtrees, previous, weights, settings.MinimumReceived);
            var now = Score(units, subtrees, current, weights, settings.MinimumReceived);
            var previousRanks = Ranks(before);
            var ranks = Ranks(now);
            var rows = Order(now).Select(s =>
            {
                var rank = ranks.GetValueOrDefault(s.Account.Id);
                var previousRank = previousRanks.GetValueOrDefault(s.Account.Id);
                return new RankingRow(rank, s.Account.Id, s.Account.DisplayName, s.Score, s.Counts, s.Rates, previousRank, previousRank - rank);
            }).ToList();
            return new RankingTable(year, month, kind, weights, rows);
        }).ToList();
    }

    private sealed record Scored(AccountState Account, MetricCounts Counts, MetricRates Rates, double? Score);

    private static List<Scored> Score(
        List<AccountState> units, Dictionary<string, IReadOnlySet<string>> subtrees, IReadOnlyDictionary<string, MetricCounts> sums,
        IReadOnlyList<KeyValuePair<string, double>> weights, int minimumReceived)
    {
        return units.Select(unit =>
        {
            var counts = MetricCounts.Sum(subtrees[unit.Id].Where(sums.ContainsKey).Select(id => sums[id]));
            var rates = MetricRates.From(counts);
            return new Scored(unit, counts, rates, ScoreOf(rates, counts, weights, minimumReceived));
        }).ToList();
    }

    /// <summary>100 × Σ wᵢ·rateᵢ / Σ wᵢ, rounded to 2 places; null when unranked.</summary>
    public static double? ScoreOf(MetricRates rates, MetricCounts counts, IReadOnlyList<KeyValuePair<string, double>> weights, int minimumReceived)
    {
        if (counts.Received < Math.Max(1, minimumReceived)) return null;
        double total = 0, weightSum = 0;
        foreach (var (name, weight) in weights)
        {
            if (MetricRates.Weighable[name](rates) is not { } rate) return null;
            total += weight * rate;
            weightSum += weight;
        }
        return Math.Round(100 * total / weightSum, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Ranked first (score down, then more cases, then id), the unranked after them (more cases first).</summary>
    private static IEnumerable<Scored> Order(List<Scored> scored) =>
        scored.OrderBy(s => s.Score is null)
            .ThenByDescending(s => s.Score)
            .ThenByDescending(s => s.Counts.Received)
            .ThenBy(s => s.Account.Id, StringComparer.Ordinal);

    /// <summary>Competition ranking: one more than the number of units with a strictly higher score.</summary>
    private static Dictionary<string, int?> Ranks(List<Scored> scored)
    {
        var scores = scored.Where(s => s.Score is not null).Select(s => s.Score!.Value).ToList();
        return scored.ToDictionary(
            s => s.Account.Id,
            s => s.Score is { } score ? 1 + scores.Count(other => other > score) : (int?)null,
            StringComparer.Ordinal);
    }
}
