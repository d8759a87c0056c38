using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;
using NetTopologySuite.Geometries;

namespace CityMatrix.Api.Geo;

/// <summary>
/// The city, its districts and streets as one GeoJSON FeatureCollection ([lon, lat], 5 decimals ≈ 1 m),
/// drawn from the shapes the alerts use (<see cref="RegionGeometry"/>: approximate Voronoi cells), so
/// a map in the browser shows exactly the areas the server targets. Built once; the regions never change
/// while the server runs.
/// </summary>
public sealed class RegionGeoJson(RegionDirectory regions, RegionGeometry geometry)
{
    private readonly Lazy<object> _collection = new(() => Build(regions, geometry));

    public object Collection => _collection.Value;

    private static object Build(RegionDirectory regions, RegionGeometry geometry)
    {
        var features = new List<object>();
        var levels = new[] { RegionLevel.City, RegionLevel.District, RegionLevel.Street };
        foreach (var region in regions.All.Where(r => levels.Contains(r.Level)).OrderBy(r => r.Code.Length).ThenBy(r => r.Code, StringComparer.Ordinal))
        {
            if (geometry.ShapeOf(region.Code) is not { IsEmpty: false } shape) continue;
            var centre = shape.InteriorPoint.Coordinate;
            features.Add(new
            {
                type = "Feature",
                id = region.Code,
                properties = new
                {
                    code = region.Code,
                    name = region.Name,
                    level = region.Level.ToString().ToLowerInvariant(),
                    parentCode = region.ParentCode,
                    centre = new[] { Round(centre.X), Round(centre.Y) },
                },
                geometry = GeometryOf(shape),
            });
        }
        return new { type = "FeatureCollection", features };
    }

    private static object GeometryOf(Geometry shape) => shape switch
    {
        Polygon polygon => new { type = "Polygon", coordinates = Rings(polygon) },
        MultiPolygon multi => new
        {
            type = "MultiPolygon",
            coordinates = Enumerable.Range(0, multi.NumGeometries).Select(i => Rings((Polygon)multi.GetGeometryN(i))).ToArray(),
        },
        _ => GeometryOf(shape.ConvexHull()),
    };

    private static double[][][] Rings(Polygon polygon) =>
        new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings)
            .Select(ring => ring.Coordinates.Select(c => new[] { Round(c.X), Round(c.Y) }).ToArray())
            .ToArray();

    private static double Round(double degrees) => Math.Round(degrees, 5);
}
