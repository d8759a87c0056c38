using CityMatrix.Silo.Alerts.Cap;
using NetTopologySuite.Geometries;

namespace CityMatrix.Silo.Alerts.Targeting;

/// <summary>A CAP circle, tested by great-circle distance (haversine) rather than a polygon approximation.</summary>
public sealed class CircleShape : IFootprintShape
{
    public const double EarthRadiusKm = 6371.0088;
    private readonly CapCircle _circle;

    public CircleShape(CapCircle circle)
    {
        _circle = circle;
        var dLat = circle.RadiusKm / EarthRadiusKm * 180 / Math.PI;
        var cos = Math.Max(Math.Cos(circle.Centre.Lat * Math.PI / 180), 1e-6);
        var dLon = Math.Min(dLat / cos, 180);
        Bounds = new Envelope(circle.Centre.Lon - dLon, circle.Centre.Lon + dLon, circle.Centre.Lat - dLat, circle.Centre.Lat + dLat);
        var ring = Enumerable.Range(0, 65).Select(i =>
        {
            var angle = 2 * Math.PI * (i % 64) / 64;
            return new Coordinate(circle.Centre.Lon + dLon * Math.Sin(angle), circle.Centre.Lat + dLat * Math.Cos(angle));
        }).ToArray();
        Approximation = Geo.RegionGeometry.Factory.CreatePolygon(ring);
    }

    public Envelope Bounds { get; }

    public Geometry Approximation { get; }

    public bool Contains(double lat, double lon) => DistanceKm(_circle.Centre.Lat, _circle.Centre.Lon, lat, lon) <= _circle.RadiusKm;

    // Margins keep the shortcut decisions on the safe side; undecided cells are tested point by point,
    // with exactly the test Contains uses, so the margins never change who receives the alert.
    public Coverage Classify(Envelope cell)
    {
        if (!Bounds.Intersects(cell)) return Coverage.Outside;
        var nearestLat = Math.Clamp(_circle.Centre.Lat, cell.MinY, cell.MaxY);
        var nearestLon = Math.Clamp(_circle.Centre.Lon, cell.MinX, cell.MaxX);
        if (DistanceKm(_circle.Centre.Lat, _circle.Centre.Lon, nearestLat, nearestLon) > _circle.RadiusKm * 1.001 + 0.001) return Coverage.Outside;
        var limit = _circle.RadiusKm * 0.999;
        var allCornersInside = Within(cell.MinY, cell.MinX, limit) && Within(cell.MinY, cell.MaxX, limit)
            && Within(cell.MaxY, cell.MinX, limit) && Within(cell.MaxY, cell.MaxX, limit);
        return allCornersInside ? Coverage.Inside : Coverage.Partial;
    }

    private bool Within(double lat, double lon, double limitKm) => DistanceKm(_circle.Centre.Lat, _circle.Centre.Lon, lat, lon) <= limitKm;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double rad = Math.PI / 180;
        var dLat = (lat2 - lat1) * rad;
        var dLon = (lon2 - lon1) * rad;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
