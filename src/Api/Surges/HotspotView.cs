namespace CityMatrix.Api.Surges;

/// <summary>GET /api/hotspots: cases per topic and day (or hour) in a region, for trend charts.</summary>
public sealed record HotspotView(DateOnly From, DateOnly To, string Region, string RegionName, string By, IReadOnlyList<HotspotSeries> Series);

/// <summary>One topic's counts, every day (or hour) of the range present (zeros too); <see cref="SurgeDays"/> are the days a surge fired here.</summary>
public sealed record HotspotSeries(string Topic, int Total, IReadOnlyList<HotspotPoint> Points, IReadOnlyList<DateOnly> SurgeDays);

/// <summary>Cases on a day, or in an hour of it (<see cref="Hour"/> null when counting by day).</summary>
public sealed record HotspotPoint(DateOnly Day, int? Hour, int Count);
