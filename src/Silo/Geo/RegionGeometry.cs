using CityMatrix.Silo.Seed;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Triangulate;

namespace CityMatrix.Silo.Geo;

/// <summary>
/// APPROXIMATE shapes for Yinchuan's region codes: each street is the Voronoi cell of its hand-placed
/// centre (<see cref="YinchuanLandmarks"/>) clipped to the city outline; a district is the union of its
/// streets, the city the outline, a community its street (overshoot, documented: there are no community
/// centres). Coordinates are X = longitude, Y = latitude. Immutable after construction; thread-safe.
/// </summary>
public sealed class RegionGeometry
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private readonly RegionDirectory _regions;
    private readonly Dictionary<string, Geometry> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPreparedGeometry> _streetCells = new(StringComparer.Ordinal);

    public RegionGeometry(RegionDirectory regions)
    {
        _regions = regions;
        City = Factory.CreatePolygon(YinchuanLandmarks.Outline.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray());
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = new Envelope(105.0, 108.0, 37.0, 40.0) };
        builder.SetSites(YinchuanLandmarks.StreetCentres.Values.Select(c => new Coordinate(c.Lon, c.Lat)).ToList());
        var cells = builder.GetDiagram(Factory);
        foreach (var (code, centre) in YinchuanLandmarks.StreetCentres)
        {
            var site = Factory.CreatePoint(new Coordinate(centre.Lon, centre.Lat));
            var cell = Enumerable.Range(0, cells.NumGeometries).Select(cells.GetGeometryN).First(g => g.Contains(site));
            var clipped = cell.Intersection(City);
            _byCode[code] = clipped;
            _streetCells[code] = PreparedGeometryFactory.Prepare(clipped);
        }
        foreach (var district in regions.All.Where(r => r.Level == RegionLevel.District))
        {
            var streets = regions.Children(district.Code).Select(s => _byCode.GetValueOrDefault(s.Code)).OfType<Geometry>().ToList();
            if (streets.Count > 0) _byCode[district.Code] = Factory.BuildGeometry(streets).Union();
        }
        _byCode[YinchuanLandmarks.CityCode] = City;
    }

    /// <summary>The municipality outline.</summary>
    public Polygon City { get; }

    /// <summary>The approximate shape of a region code (a community maps to its street), or null if unknown.</summary>
    public Geometry? ShapeOf(string code)
    {
        if (_byCode.TryGetValue(code, out var shape)) return shape;
        return _regions.TryGet(code, out var region) && region.Level == RegionLevel.Community && region.ParentCode is not null
            ? _byCode.GetValueOrDefault(region.ParentCode)
            : null;
    }

    /// <summary>The street whose (approximate) cell holds the point, or null outside the city.</summary>
    public string? StreetAt(double lat, double lon)
    {
        var point = Factory.CreatePoint(new Coordinate(lon, lat));
        foreach (var (code, cell) in _streetCells)
        {
            if (cell.Covers(point)) return code;
        }
        return null;
    }

    /// <summary>
    /// A region code as written by a sender, mapped onto the directory: our codes as they are, and the
    /// 12-digit CPEAS / GB/T 2260 padded form (640104000000, 640104001000) used in Chinese CAP feeds.
    /// </summary>
    public string? Canonical(string? code)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code) || !code.All(char.IsAsciiDigit)) return null;
        if (_regions.Contains(code)) return code;
        if (code.Length != 12) return null;
        foreach (var length in new[] { 9, 6, 4 })
        {
            if (code[length..].All(c => c == '0') && _regions.Contains(code[..length])) return code[..length];
        }
        return null;
    }
}
