namespace CityMatrix.Silo.Surges;

/// <summary>One comparable day of a baseline: <see cref="Kind"/> is "season" (an earlier year) or "recent" (the last weeks).</summary>
public sealed record BaselineDay(DateOnly Day, int Count, string Kind, int YearsBack);
