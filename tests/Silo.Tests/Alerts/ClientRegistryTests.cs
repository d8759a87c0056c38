using CityMatrix.Silo.Alerts.Cap;
using CityMatrix.Silo.Alerts.Delivery;
using CityMatrix.Silo.Alerts.Targeting;
using CityMatrix.Silo.Geo;
using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Tests.Alerts;

public sealed class ClientRegistryTests
{
    private static readonly RegionDirectory Regions = RegionDirectory.Load();
    private static readonly RegionGeometry Geometry = new(Regions);

    private static AlertFootprint Footprint(params CapArea[] areas)
    {
        var alert = CapFixtures.Alert("yc-fp", areas[0]);
        alert.Info[0].Area = [.. areas];
        return AlertFootprint.Build(alert, Regions, Geometry);
    }

    private static (ClientRegistry Registry, List<ConnectedClient> Clients) Scatter(int count, int seed)
    {
        var random = new Random(seed);
        var registry = new ClientRegistry();
        var clients = new List<ConnectedClient>();
        for (var i = 0; i < count; i++)
        {
            var client = new ConnectedClient($"c{i}", null, false, new HashSet<string>());
            registry.Add(client);
            registry.MoveTo(client, 38.0 + random.NextDouble() * 0.8, 105.9 + random.NextDouble() * 0.9);
            clients.Add(client);
        }
        return (registry, clients);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_grid_finds_exactly_the_clients_a_point_by_point_test_finds(int seed)
    {
        var (registry, clients) = Scatter(5000, seed);
        var footprint = Footprint(
            CapFixtures.Polygon("斜四边形", (38.40, 106.20), (38.45, 106.40), (38.55, 106.35), (38.50, 106.15)),
            CapFixtures.Circle("圆", 38.20, 106.25, 9.5),
            CapFixtures.Region("西夏区", "640105"));

        var found = registry.Inside(footprint, _ => true).Select(c => c.ConnectionId).ToHashSet();
        var expected = clients.Where(c => footprint.Contains(c.Lat!.Value, c.Lon!.Value)).Select(c => c.ConnectionId).ToHashSet();

        expected.Count.ShouldBeGreaterThan(500);
        found.SetEquals(expected).ShouldBeTrue($"grid {found.Count}, point by point {expected.Count}");
    }

    [Fact]
    public void A_circle_includes_points_just_inside_its_radius_and_not_just_outside()
    {
        var registry = new ClientRegistry();
        var inside = new ConnectedClient("in", null, false, new HashSet<string>());
        var outside = new ConnectedClient("out", null, false, new HashSet<string>());
        registry.Add(inside);
        registry.Add(outside);
        // One degree of latitude is 111.195 km on the CAP (spherical) earth: 4.99 km and 5.01 km north of the centre.
        registry.MoveTo(inside, 38.47 + 4.99 / 111.195, 106.27);
        registry.MoveTo(outside, 38.47 + 5.01 / 111.195, 106.27);

        registry.Inside(Footprint(CapFixtures.Circle("5 km", 38.47, 106.27, 5)), _ => true).ShouldBe([inside]);
    }

    [Fact]
    public void Clients_that_report_a_region_code_match_codes_within_the_alerted_region()
    {
        var registry = new ClientRegistry();
        var community = new ConnectedClient("community", null, false, new HashSet<string>());
        var otherDistrict = new ConnectedClient("other", null, false, new HashSet<string>());
        registry.Add(community);
        registry.Add(otherDistrict);
        registry.MoveTo(community, "640104001002");
        registry.MoveTo(otherDistrict, "640105001");

        registry.Inside(Footprint(CapFixtures.Region("兴庆区", "640104000000")), _ => true).ShouldBe([community]);
    }

    [Fact]
    public void A_client_that_moves_or_leaves_is_found_only_where_it_is_now()
    {
        var registry = new ClientRegistry();
        var client = new ConnectedClient("mover", null, false, new HashSet<string>());
        registry.Add(client);
        var oldTown = Footprint(CapFixtures.Circle("老城", 38.47, 106.28, 2));

        registry.MoveTo(client, 38.47, 106.28);
        var before = registry.Inside(oldTown, _ => true).Count;
        registry.MoveTo(client, 38.10, 106.34);
        var after = registry.Inside(oldTown, _ => true).Count;
        registry.MoveTo(client, 38.47, 106.28);
        registry.Remove("mover");

        (before, after, registry.Inside(oldTown, _ => true).Count, registry.Count).ShouldBe((1, 0, 0, 0));
    }
}
