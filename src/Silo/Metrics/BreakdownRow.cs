namespace CityMatrix.Silo.Metrics;

/// <summary>Cases received in a range with one key: how many, and how many are open, closed, overdue now.</summary>
public sealed record BreakdownRow(string Key, string Name, long Received, long Open, long Closed, long Overdue);
