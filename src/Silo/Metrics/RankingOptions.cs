namespace CityMatrix.Silo.Metrics;

/// <summary>
/// The published ranking formula ("Rankings" section). score = 100 × Σ wᵢ·rateᵢ / Σ wᵢ over the weighted
/// rates. Beijing does not publish its weights (domain.md §2): the defaults are our choice, weighing the
/// citizen's verdict (solved, satisfied) over the unit's own speed, and are returned with every ranking.
/// </summary>
public sealed class RankingOptions
{
    public const string Section = "Rankings";

    /// <summary>Weight per rate name (<see cref="MetricRates.Weighable"/>); 0 leaves a rate out.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.Ordinal)
    {
        ["responseRate"] = 0.2,
        ["solvedRate"] = 0.4,
        ["satisfactionRate"] = 0.4,
    };

    /// <summary>Units that received fewer cases in the month are listed unranked (too few to judge).</summary>
    public int MinimumReceived { get; set; } = 1;

    /// <summary>The weights that count (above 0), in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> ActiveWeights() =>
        Weights.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();

    public bool IsValid() =>
        Weights.Keys.All(MetricRates.Weighable.ContainsKey) && Weights.Values.All(w => w >= 0 && double.IsFinite(w))
        && Weights.Values.Sum() > 0 && MinimumReceived >= 0;
}
