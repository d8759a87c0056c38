using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;
using NetTopologySuite.Geometries;

namespace CityMatrix.Silo.Alerts.Targeting;

/// <summary>
/// Where an alert applies: the union of every area of every info block — polygons, circles, and region
/// codes from geocodes (Yinchuan codes, also in the 12-digit padded form). A client that reported a
/// position is inside when any shape contains it (a region code counts with its approximate shape, see
/// <see cref="RegionGeometry"/>); a client that reported a region code is inside when that code lies
/// within an alerted code, or when its region's shape meets one of the polygons or circles.
/// </summary>
public sealed class AlertFootprint
{
    private readonly RegionDirectory _regions;
    private readonly RegionGeometry _geometry;
    private readonly List<IFootprintShape> _drawn;

    private AlertFootprint(RegionDirectory regions, RegionGeometry geometry, List<IFootprintShape> shapes, List<IFootprintShape> drawn, HashSet<string> codes)
    {
        _regions = regions;
        _geometry = geometry;
        Shapes = shapes;
        _drawn = drawn;
        RegionCodes = codes;
    }

    public static readonly string[] GeocodeNames = ["GB/T 2260", "GB2260", "ADCODE", "CPEAS Geographic Code", "regionCode", "行政区划代码"];

    /// <summary>Every shape, the region shapes included.</summary>
    public IReadOnlyList<IFootprintShape> Shapes { get; }

    /// <summary>The region codes named by geocodes, in directory form.</summary>
    public IReadOnlySet<string> RegionCodes { get; }

    public bool IsEmpty => Shapes.Count == 0;

    /// <summary>
    /// Builds the footprint of a syntactically valid alert. Areas that name nothing this city can locate
    /// (only unknown geocodes) are reported in <paramref name="faults"/> when given.
    /// </summary>
    public static AlertFootprint Build(CapAlert alert, RegionDirectory regions, RegionGeometry geometry, CapFaults? faults = null)
    {
        var shapes = new List<IFootprintShape>();
        var drawn = new List<IFootprintShape>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < alert.Info.Count; i++)
        {
            for (var a = 0; a < alert.Info[i].Area.Count; a++)
            {
                var area = alert.Info[i].Area[a];
                var located = false;
                foreach (var text in area.Polygon)
                {
                    if (!CapShapes.TryParsePolygon(text, out var points, out _)) continue;
                    drawn.Add(new PolygonShape(RegionGeometry.Factory.CreatePolygon(points.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray())));
                    located = true;
                }
                foreach (var text in area.Circle)
                {
                    if (!CapShapes.TryParseCircle(text, out var circle, out _)) continue;
                    drawn.Add(new CircleShape(circle));
                    located = true;
                }
                foreach (var geocode in area.Geocode)
                {
                    if (geometry.Canonical(geocode.Value) is not { } code || geometry.ShapeOf(code) is not { } shape) continue;
                    if (codes.Add(code)) shapes.Add(new PolygonShape(shape));
                    located = true;
                }
                if (!located && faults is not null && area.Polygon.Count + area.Circle.Count == 0 && area.Geocode.Count > 0)
                    faults.Add($"info[{i}].area[{a}].geocode", "None of these geocodes is a Yinchuan region code (e.g. 640104 or 640104000000), and the area has no polygon or circle.");
            }
        }
        shapes.AddRange(drawn);
        return new AlertFootprint(regions, geometry, shapes, drawn, codes);
    }

    public bool Contains(double lat, double lon)
    {
        foreach (var shape in Shapes)
        {
            if (shape.Contains(lat, lon)) return true;
        }
        return false;
    }

    public bool ContainsRegion(string clientCode)
    {
        foreach (var code in RegionCodes)
        {
            if (_regions.IsWithin(clientCode, code)) return true;
        }
        if (_drawn.Count == 0 || _geometry.ShapeOf(clientCode) is not { } region) return false;
        return _drawn.Any(shape => shape.Approximation.Intersects(region));
    }

    /// <summary>The union of all shapes as one geometry (circles approximated), for jurisdiction checks.</summary>
    public Geometry Union() => RegionGeometry.Factory.BuildGeometry(Shapes.Select(s => s.Approximation).ToList()).Union();

    public IReadOnlyList<IFootprintShape> DrawnShapes => _drawn;
}
