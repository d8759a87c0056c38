using System.Text.Json;
using CityMatrix.Api.Tests.Infrastructure;

namespace CityMatrix.Api.Tests.Dashboards;

/// <summary>The public geography the dashboards draw their offline maps and pickers from.</summary>
public sealed class GeoEndpointsTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_region_shapes_are_geojson_for_the_city_its_6_districts_and_62_streets_each_round_its_own_centre()
    {
        using var anonymous = fixture.App.CreateClient();
        var response = await anonymous.GetAsync("/api/geo/regions");
        var geo = await response.JsonAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/geo+json");
        geo.GetProperty("type").GetString().ShouldBe("FeatureCollection");
        var features = geo.GetProperty("features").EnumerateArray().ToList();
        features.Count(f => Level(f) == "city").ShouldBe(1);
        features.Count(f => Level(f) == "district").ShouldBe(6);
        features.Count(f => Level(f) == "street").ShouldBe(62);
        features.Single(f => f.GetProperty("id").GetString() == "640104001").GetProperty("properties").GetProperty("name").GetString().ShouldBe("凤凰北街街道");
        foreach (var feature in features)
        {
            var centre = feature.GetProperty("properties").GetProperty("centre");
            Contains(feature.GetProperty("geometry"), centre[0].GetDouble(), centre[1].GetDouble()).ShouldBeTrue(feature.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task The_gazetteer_names_every_code_with_its_level_and_parent()
    {
        using var anonymous = fixture.App.CreateClient();
        var regions = (await (await anonymous.GetAsync("/api/regions")).JsonAsync()).EnumerateArray().ToList();

        regions.Count.ShouldBe(1 + 6 + 62 + 602);
        var community = regions.Single(r => r.GetProperty("code").GetString() == "640104001002");
        community.GetProperty("name").GetString().ShouldBe("崇安社区居委会");
        community.GetProperty("level").GetString().ShouldBe("community");
        community.GetProperty("parentCode").GetString().ShouldBe("640104001");
    }

    private static string Level(JsonElement feature) => feature.GetProperty("properties").GetProperty("level").GetString()!;

    // Even-odd ray casting over every ring of a Polygon or MultiPolygon ([lon, lat]).
    private static bool Contains(JsonElement geometry, double lon, double lat)
    {
        var polygons = geometry.GetProperty("type").GetString() == "Polygon"
            ? [geometry.GetProperty("coordinates")]
            : geometry.GetProperty("coordinates").EnumerateArray().ToList();
        var inside = false;
        foreach (var ring in polygons.SelectMany(p => p.EnumerateArray()))
        {
            var points = ring.EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
            for (int i = 0, j = points.Count - 1; i < points.Count; j = i++)
            {
                if ((points[i].Y > lat) != (points[j].Y > lat)
                    && lon < (points[j].X - points[i].X) * (lat - points[i].Y) / (points[j].Y - points[i].Y) + points[i].X)
                    inside = !inside;
            }
        }
        return inside;
    }
}
