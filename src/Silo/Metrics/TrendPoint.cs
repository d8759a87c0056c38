namespace CityMatrix.Silo.Metrics;

/// <summary>One day of a trend: cases received that day and closures made that day.</summary>
public sealed record TrendPoint(DateOnly Day, long Received, long Closed);
