using CityMatrix.Silo.Seed;

namespace CityMatrix.Silo.Tests.Seed;

public class RegionDirectoryTests
{
    private static readonly RegionDirectory Regions = RegionDirectory.Load();

    [Fact]
    public void Embedded_directory_holds_the_city_6_districts_62_streets_and_602_communities()
    {
        Regions.Count.ShouldBe(1 + 6 + 62 + 602);
        Regions.Get("6401").ShouldBe(new Region("6401", "银川市", RegionLevel.City, null));
        Regions.Children("6401").Count.ShouldBe(6);
    }

    [Fact]
    public void Community_code_resolves_to_name_level_and_parent_chain()
    {
        var community = Regions.Get("640104001002");
        community.Name.ShouldBe("崇安社区居委会");
        community.Level.ShouldBe(RegionLevel.Community);
        Regions.Ancestors("640104001002").Select(r => r.Name).ShouldBe(["凤凰北街街道", "兴庆区", "银川市"]);
    }

    [Fact]
    public void IsWithin_follows_the_parent_chain_not_the_code_prefix_alone()
    {
        Regions.IsWithin("640104001002", "640104").ShouldBeTrue();
        Regions.IsWithin("640104001002", "640104001002").ShouldBeTrue();
        Regions.IsWithin("640104001002", "640105").ShouldBeFalse();
        Regions.IsWithin("640104999999", "640104").ShouldBeFalse();
    }

    [Fact]
    public void Unknown_code_is_reported_by_name()
    {
        Regions.TryGet("999999", out _).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => Regions.Get("999999")).Message.ShouldContain("999999");
        Regions.Ancestors("999999").ShouldBeEmpty();
        Regions.Children("999999").ShouldBeEmpty();
    }

    [Fact]
    public void Malformed_csv_line_is_rejected_with_file_and_line()
    {
        var areas = new StringReader("code,name,cityCode,cityName,provinceCode\n640104,兴庆区,6401,银川市,64\n");
        var streets = new StringReader("code,name,areaCode\n640104001,凤凰北街街道\n");
        var communities = new StringReader("code,name,streetCode\n");
        Should.Throw<InvalidDataException>(() => RegionDirectory.FromCsv(areas, streets, communities))
            .Message.ShouldBe("Region file streets line 2: 2 fields, expected 3.");
    }

    [Fact]
    public void Community_naming_an_unlisted_street_is_rejected()
    {
        var areas = new StringReader("code,name,cityCode,cityName\n640104,兴庆区,6401,银川市\n");
        var streets = new StringReader("code,name,areaCode\n640104001,凤凰北街街道,640104\n");
        var communities = new StringReader("code,name,streetCode\n640104002001,某社区,640104002\n");
        Should.Throw<InvalidDataException>(() => RegionDirectory.FromCsv(areas, streets, communities))
            .Message.ShouldContain("640104002");
    }
}
