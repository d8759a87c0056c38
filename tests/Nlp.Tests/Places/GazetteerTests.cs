using CityMatrix.Nlp.Places;

namespace CityMatrix.Nlp.Tests.Places;

public sealed class GazetteerTests
{
    [Fact]
    public void Yinchuan_has_the_city_six_districts_and_its_streets_and_communities()
    {
        var g = Gazetteer.Yinchuan;
        g.Regions.Count(r => r.Level == PlaceLevel.District).ShouldBe(6);
        g.Regions.Count(r => r.Level == PlaceLevel.Street).ShouldBe(62);
        g.Regions.Count(r => r.Level == PlaceLevel.Community).ShouldBe(602);
        g.Find("6401")!.Name.ShouldBe("银川市");
    }

    [Fact]
    public void Code_lookup_gives_name_level_and_parent_chain()
    {
        var g = Gazetteer.Yinchuan;
        var community = g.Find("640104001002").ShouldNotBeNull();
        community.Name.ShouldBe("崇安社区居委会");
        community.Level.ShouldBe(PlaceLevel.Community);
        g.SelfAndAncestors("640104001002").Select(r => r.Code).ShouldBe(["640104001002", "640104001", "640104", "6401"]);
        g.Contains("640104", "640104001002").ShouldBeTrue();
        g.Contains("640106", "640104001002").ShouldBeFalse();
        g.Find("999999").ShouldBeNull();
    }

    [Fact]
    public void Loading_a_region_file_with_missing_columns_fails_with_the_line_number()
    {
        var areas = new StringReader("code,name,cityCode,cityName,provinceCode\n640104,兴庆区,6401,银川市,64\n");
        var streets = new StringReader("code,name,areaCode,areaName,cityCode,cityName,provinceCode\n640104001,坏行\n");
        var communities = new StringReader("code,name,streetCode,provinceCode,cityCode,areaCode,streetName,areaName\n");
        Should.Throw<InvalidDataException>(() => Gazetteer.Load(areas, streets, communities)).Message.ShouldContain("line 2");
    }
}
