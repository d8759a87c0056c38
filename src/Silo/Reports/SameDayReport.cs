namespace CityMatrix.Silo.Reports;

/// <summary>热点警情当日通报: today's surges and large incidents so far, with their cases and the units answerable.</summary>
public sealed record SameDayReport(
    DateOnly Day,
    DateTimeOffset AsOf,
    IReadOnlyList<SurgeWithCases> Surges,
    IReadOnlyList<HotIncident> HotIncidents);
