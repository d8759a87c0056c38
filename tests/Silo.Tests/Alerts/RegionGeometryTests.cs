using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;
using NetTopologySuite.Geometries;

namespace CityMatrix.Silo.Tests.Alerts;

public sealed class RegionGeometryTests
{
    private static readonly RegionDirectory Regions = RegionDirectory.Load();
    private static readonly RegionGeometry Geometry = new(Regions);

    [Fact]
    public void Every_street_of_the_directory_has_a_centre_inside_the_city_and_its_own_cell()
    {
        var streets = Regions.All.Where(r => r.Level == RegionLevel.Street).Select(r => r.Code).ToList();

        YinchuanLandmarks.StreetCentres.Keys.ShouldBe(streets, ignoreOrder: true);
        foreach (var (code, centre) in YinchuanLandmarks.StreetCentres)
        {
            Geometry.City.Contains(new Point(centre.Lon, centre.Lat)).ShouldBeTrue(code);
            Geometry.StreetAt(centre.Lat, centre.Lon).ShouldBe(code);
        }
    }

    [Fact]
    public void Districts_are_unions_of_their_streets_and_cover_the_city_without_overlap()
    {
        var districts = Regions.All.Where(r => r.Level == RegionLevel.District).Select(r => Geometry.ShapeOf(r.Code)!).ToList();

        districts.Sum(d => d.Area).ShouldBe(Geometry.City.Area, 1e-6);
        for (var i = 0; i < districts.Count; i++)
            for (var j = i + 1; j < districts.Count; j++)
                districts[i].Intersection(districts[j]).Area.ShouldBeLessThan(1e-9);
    }

    [Theory]
    [InlineData(38.470, 106.285, "640104")] // old town, 兴庆区
    [InlineData(38.480, 106.215, "640106")] // 金凤区
    [InlineData(38.490, 106.130, "640105")] // 西夏区
    [InlineData(38.290, 106.255, "640121")] // 杨和, 永宁县
    [InlineData(38.550, 106.355, "640122")] // 习岗, 贺兰县
    [InlineData(38.100, 106.340, "640181")] // 灵武
    public void Known_places_fall_in_their_district(double lat, double lon, string district)
    {
        Geometry.ShapeOf(district)!.Contains(new Point(lon, lat)).ShouldBeTrue();
        Regions.IsWithin(Geometry.StreetAt(lat, lon)!, district).ShouldBeTrue();
    }

    [Theory]
    [InlineData("640104", "640104")]
    [InlineData("640104000000", "640104")]
    [InlineData("640104001000", "640104001")]
    [InlineData("640104001002", "640104001002")]
    [InlineData("640100000000", "6401")]
    [InlineData("130602000000", null)]
    [InlineData("64x104", null)]
    public void Padded_cpeas_codes_map_onto_directory_codes(string given, string? expected) =>
        Geometry.Canonical(given).ShouldBe(expected);

    [Fact]
    public void A_community_has_the_approximate_shape_of_its_street() =>
        Geometry.ShapeOf("640104001002").ShouldBeSameAs(Geometry.ShapeOf("640104001"));
}
