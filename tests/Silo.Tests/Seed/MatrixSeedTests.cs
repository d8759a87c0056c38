using CityMatrix.Silo.Seed;

using CityMatrix.Silo.Accounts;

namespace CityMatrix.Silo.Tests.Seed;

public class MatrixSeedTests
{
    private static readonly IReadOnlyList<SeedAccount> Seed = MatrixSeed.Load();
    private static readonly RegionDirectory Regions = RegionDirectory.Load();
    private static readonly Dictionary<string, SeedAccount> ById = Seed.ToDictionary(a => a.Id);

    private static IEnumerable<SeedAccount> OfKind(AccountKind kind) => Seed.Where(a => a.Kind == kind);

    [Fact]
    public void Embedded_seed_loads_at_least_400_accounts()
    {
        Seed.Count.ShouldBeGreaterThanOrEqualTo(400);
        Seed.ShouldAllBe(a => a.Active);
    }

    [Fact]
    public void Embedded_seed_has_no_faults_including_region_codes()
    {
        MatrixSeed.Validate(Seed, Regions).ShouldBeEmpty();
    }

    [Fact]
    public void There_are_exactly_two_super_supervisors_and_one_manager_at_the_top()
    {
        OfKind(AccountKind.SuperSupervisor).Select(a => a.DisplayName).OrderBy(n => n, StringComparer.Ordinal)
            .ShouldBe(new[] { "@微博银川", "@银川纪委" }.OrderBy(n => n, StringComparer.Ordinal));
        var manager = OfKind(AccountKind.Manager).ShouldHaveSingleItem();
        manager.DisplayName.ShouldBe("@问政银川");
        manager.Competence.ShouldBe(SeedVocabulary.Categories, ignoreOrder: true);
        Seed.Where(a => a.ParentId is null).Select(a => a.Kind).Distinct()
            .ShouldBe([AccountKind.SuperSupervisor, AccountKind.Manager], ignoreOrder: true);
    }

    [Fact]
    public void The_six_district_governments_hang_under_the_manager()
    {
        var districts = OfKind(AccountKind.DistrictGovernment).ToList();
        districts.Select(d => d.Jurisdiction.ShouldHaveSingleItem())
            .ShouldBe(["640104", "640105", "640106", "640121", "640122", "640181"], ignoreOrder: true);
        districts.ShouldAllBe(d => d.ParentId == "wzyc");
    }

    [Fact]
    public void At_least_30_city_bureaus_each_with_a_competence()
    {
        var bureaus = OfKind(AccountKind.CityBureau).ToList();
        bureaus.Count.ShouldBeGreaterThanOrEqualTo(30);
        bureaus.ShouldAllBe(b => b.ParentId == "wzyc" && b.Competence.Count > 0);
        ById["bureau-zhujian"].Competence.ShouldContain("供暖");
        ById["bureau-yuanlin"].Competence.ShouldContain("园林绿化");
    }

    [Fact]
    public void All_62_streets_are_present_under_their_district()
    {
        var streets = Regions.All.Where(r => r.Level == RegionLevel.Street).ToList();
        streets.Count.ShouldBe(62);
        foreach (var street in streets)
        {
            var account = ById[$"street-{street.Code}"];
            account.Kind.ShouldBe(AccountKind.Street);
            account.ParentId.ShouldBe($"district-{street.ParentCode}");
            account.Jurisdiction.ShouldBe([street.Code]);
        }
    }

    [Fact]
    public void Every_community_of_the_region_file_hangs_under_its_street()
    {
        var communities = Regions.All.Where(r => r.Level == RegionLevel.Community).ToList();
        communities.Count.ShouldBe(602);
        OfKind(AccountKind.Community).Count().ShouldBe(602);
        foreach (var community in communities)
        {
            var account = ById[$"community-{community.Code}"];
            account.ParentId.ShouldBe($"street-{community.ParentCode}");
            ById[account.ParentId!].Kind.ShouldBe(AccountKind.Street);
        }
    }

    [Fact]
    public void Every_branch_belongs_to_a_city_bureau_and_sits_in_a_district_government()
    {
        var branches = OfKind(AccountKind.BureauBranch).ToList();
        branches.ShouldNotBeEmpty();
        foreach (var branch in branches)
        {
            ById[branch.BureauId.ShouldNotBeNull()].Kind.ShouldBe(AccountKind.CityBureau);
            var district = ById[branch.ParentId.ShouldNotBeNull()];
            district.Kind.ShouldBe(AccountKind.DistrictGovernment);
            branch.Jurisdiction.ShouldBe(district.Jurisdiction);
        }
        // Public security has a branch in each of the six districts/counties.
        branches.Count(b => b.BureauId == "bureau-gongan").ShouldBe(6);
    }

    [Fact]
    public void Heating_companies_serve_communities_that_exist_each_community_once()
    {
        var heating = OfKind(AccountKind.Enterprise).Where(e => e.Competence.Contains("供暖")).ToList();
        heating.Count.ShouldBeGreaterThanOrEqualTo(4);
        var served = heating.SelectMany(h => h.Jurisdiction).ToList();
        served.ShouldAllBe(code => Regions.Contains(code) && Regions.Get(code).Level == RegionLevel.Community);
        served.ShouldBeUnique();
        heating.ShouldAllBe(h => ById[h.ParentId!].Id == "bureau-zhujian");
    }

    [Fact]
    public void Display_names_are_unique_weibo_handles()
    {
        Seed.ShouldAllBe(a => a.DisplayName.StartsWith('@'));
        Seed.Select(a => a.DisplayName).ShouldBeUnique();
    }
}
