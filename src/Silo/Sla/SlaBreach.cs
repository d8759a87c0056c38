namespace CityMatrix.Silo.Sla;

/// <summary>Which overdue step a system 督办 is: the clock, the due time it judges against, and the stage it brings the clock to.</summary>
public sealed record SlaBreach(SlaClock Clock, DateTimeOffset Due, int Stage);
