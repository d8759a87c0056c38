using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityMatrix.Silo.Alerts.Targeting;

/// <summary>A polygon (or a region's approximate shape) as an NTS prepared geometry; its boundary counts as inside.</summary>
public sealed class PolygonShape : IFootprintShape
{
    private readonly IPreparedGeometry _prepared;

    public PolygonShape(Geometry geometry)
    {
        // A self-crossing polygon (a "bow tie") is repaired rather than given undefined point tests.
        Approximation = geometry.IsValid ? geometry : geometry.Buffer(0);
        _prepared = PreparedGeometryFactory.Prepare(Approximation);
        Bounds = Approximation.EnvelopeInternal;
    }

    public Envelope Bounds { get; }

    public Geometry Approximation { get; }

    public bool Contains(double lat, double lon) =>
        Bounds.Covers(lon, lat) && _prepared.Covers(Geo.RegionGeometry.Factory.CreatePoint(new Coordinate(lon, lat)));

    public Coverage Classify(Envelope cell)
    {
        if (!Bounds.Intersects(cell)) return Coverage.Outside;
        var box = Geo.RegionGeometry.Factory.ToGeometry(cell);
        if (_prepared.Covers(box)) return Coverage.Inside;
        return _prepared.Intersects(box) ? Coverage.Partial : Coverage.Outside;
    }
}
