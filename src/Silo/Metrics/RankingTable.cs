namespace CityMatrix.Silo.Metrics;

/// <summary>A month's ranking of one kind of unit, with the weights it was scored by.</summary>
public sealed record RankingTable(int Year, int Month, RankingKind Kind, IReadOnlyList<KeyValuePair<string, double>> Weights, IReadOnlyList<RankingRow> Rows)
{
    public string MonthText => $"{Year:D4}-{Month:D2}";
}
