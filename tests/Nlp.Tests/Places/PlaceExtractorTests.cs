using CityMatrix.Nlp.Places;

namespace CityMatrix.Nlp.Tests.Places;

public sealed class PlaceExtractorTests
{
    private static PlaceExtractor Places => PlaceExtractor.Yinchuan;

    [Fact]
    public void Full_district_name_gives_its_code() =>
        Places.FindCodes("兴庆区的暖气不热").ShouldBe(["640104"]);

    [Fact]
    public void Unambiguous_district_short_form_is_recognised()
    {
        var match = Places.Find("金凤这边路灯不亮").ShouldHaveSingleItem();
        match.Code.ShouldBe("640106");
        match.Name.ShouldBe("金凤区");
        match.Level.ShouldBe(PlaceLevel.District);
        (match.Start, match.Length).ShouldBe((0, 2));
    }

    [Fact]
    public void Street_is_found_by_official_name_and_without_the_jiedao_suffix()
    {
        Places.FindCodes("凤凰北街街道办不作为").ShouldBe(["640104001"]);
        Places.FindCodes("住在凤凰北街").ShouldBe(["640104001"]);
    }

    [Fact]
    public void Community_short_form_drops_the_committee_suffix() =>
        Places.FindCodes("崇安社区的物业费太贵").ShouldBe(["640104001002"]);

    [Fact]
    public void Most_specific_place_wins_over_the_street_and_district_containing_it() =>
        Places.FindCodes("兴庆区凤凰北街崇安社区噪音扰民").ShouldBe(["640104001002"]);

    [Fact]
    public void Unrelated_places_are_all_returned_in_text_order_without_duplicates() =>
        Places.FindCodes("金凤区和兴庆区都有，金凤区更严重").ShouldBe(["640106", "640104"]);

    [Fact]
    public void Name_shared_by_two_communities_is_resolved_by_the_district_in_the_text()
    {
        Places.FindCodes("西夏区八一社区停水").ShouldBe(["640105007004"]);
        Places.FindCodes("兴庆区八一社区停水").ShouldBe(["640104006001"]);
    }

    [Fact]
    public void Name_shared_by_two_communities_without_context_gives_their_common_parent() =>
        Places.FindCodes("八一社区停水").ShouldBe(["6401"]);

    [Fact]
    public void Short_form_inside_a_longer_common_word_is_not_a_place()
    {
        Places.FindCodes("周末去贺兰山看岩画").ShouldBeEmpty();
        Places.FindCodes("贺兰县习岗镇").ShouldBe(["640122100"]);
    }

    [Fact]
    public void Roads_are_found_without_a_region_code()
    {
        var matches = Places.Find("北京路和正源街交叉口占道经营");
        matches.Select(m => m.Name).ShouldBe(["北京路", "正源街"]);
        matches.ShouldAllBe(m => m.Level == PlaceLevel.Road && m.Code == "");
        Places.FindCodes("北京路和正源街交叉口占道经营").ShouldBeEmpty();
    }

    [Fact]
    public void City_inside_an_account_or_topic_name_is_not_a_place()
    {
        Places.FindCodes("@银川城管 #问政银川# 出租车拒载").ShouldBeEmpty();
        Places.FindCodes("银川的冬天真冷").ShouldBe(["6401"]);
        Places.FindCodes("@银川城管 金凤区路灯不亮").ShouldBe(["640106"]);
    }

    [Fact]
    public void Text_without_places_gives_nothing()
    {
        Places.Find("").ShouldBeEmpty();
        Places.Find("今天天气不错😀 hello").ShouldBeEmpty();
    }

    [Fact]
    public void Short_form_shared_by_different_official_names_is_not_used()
    {
        var areas = new StringReader("code,name,cityCode,cityName,provinceCode\n610116,长安区,6101,西安市,61\n620123,长安县,6201,某市,62\n");
        var streets = new StringReader("code,name,areaCode,areaName,cityCode,cityName,provinceCode\n");
        var communities = new StringReader("code,name,streetCode,provinceCode,cityCode,areaCode,streetName,areaName\n");
        var extractor = new PlaceExtractor(Gazetteer.Load(areas, streets, communities));
        extractor.FindCodes("长安的路灯").ShouldBeEmpty();
        extractor.FindCodes("长安区的路灯").ShouldBe(["610116"]);
        extractor.FindCodes("长安县的路灯").ShouldBe(["620123"]);
    }
}
